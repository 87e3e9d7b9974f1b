package webexid_test

import (
	"encoding/base64"
	"errors"
	"slices"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/webexid"
	"github.com/customerdynamics/velocity/webexid/webexidtest"
)

const (
	agentUUID = "f5b36187-c8dd-4727-8b2f-f9c447f29046"
	otherUUID = "0ae2bd1e-6a2a-4a3c-9b8e-0c1d2e3f4a5b"
	orgUUID   = "1eb65fdf-9643-417f-9974-ad72cae0e10f"
)

func testPerson() webexid.Person {
	return webexid.Person{
		ID:          webexidtest.PersonID(agentUUID),
		OrgID:       webexidtest.OrgID(orgUUID),
		Emails:      []string{"Maria.Garcia@Example.com", "mgarcia@example.net"},
		DisplayName: "Maria Garcia",
	}
}

func TestResourceUUID(t *testing.T) {
	t.Parallel()
	people := "ciscospark://us/PEOPLE/" + agentUUID
	tests := []struct {
		name, id, kind string
		want           string
		ok             bool
	}{
		{"base64 without padding", webexidtest.PersonID(agentUUID), webexid.KindPeople, agentUUID, true},
		{"tail longer than a UUID", base64.StdEncoding.EncodeToString([]byte(people + "x")), webexid.KindPeople, "", false},
		{"padded, valid", base64.StdEncoding.EncodeToString([]byte("ciscospark://eu/PEOPLE/" + agentUUID)), webexid.KindPeople, agentUUID, true},
		{"URL alphabet", base64.RawURLEncoding.EncodeToString([]byte(people)), webexid.KindPeople, agentUUID, true},
		{"upper-case UUID inside", webexidtest.PersonID("F5B36187-C8DD-4727-8B2F-F9C447F29046"), webexid.KindPeople, agentUUID, true},
		{"bare UUID", agentUUID, webexid.KindPeople, agentUUID, true},
		{"bare upper-case UUID", "F5B36187-C8DD-4727-8B2F-F9C447F29046", webexid.KindOrganization, agentUUID, true},
		{"organization id", webexidtest.OrgID(orgUUID), webexid.KindOrganization, orgUUID, true},
		{"organization id asked as people", webexidtest.OrgID(orgUUID), webexid.KindPeople, "", false},
		{"people id asked as organization", webexidtest.PersonID(agentUUID), webexid.KindOrganization, "", false},
		{"no region", base64.RawStdEncoding.EncodeToString([]byte("ciscospark:///PEOPLE/" + agentUUID)), webexid.KindPeople, "", false},
		{"extra segment", base64.RawStdEncoding.EncodeToString([]byte(people + "/x")), webexid.KindPeople, "", false},
		{"not ciscospark", base64.RawStdEncoding.EncodeToString([]byte("https://us/PEOPLE/" + agentUUID)), webexid.KindPeople, "", false},
		{"tail not a UUID", webexidtest.PersonID("not-a-uuid"), webexid.KindPeople, "", false},
		{"not base64", "Y2lz!29zcGFyaw", webexid.KindPeople, "", false},
		{"empty", "", webexid.KindPeople, "", false},
		{"e-mail", "maria@example.com", webexid.KindPeople, "", false},
	}
	for _, tt := range tests {
		got, ok := webexid.ResourceUUID(tt.id, tt.kind)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: ResourceUUID(%q, %s) = %q, %v; want %q, %v", tt.name, tt.id, tt.kind, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAgentIDs(t *testing.T) {
	t.Parallel()
	p := testPerson()
	want := []string{agentUUID, p.ID, "maria.garcia@example.com", "mgarcia@example.net"}
	if got := p.AgentIDs(); !slices.Equal(got, want) {
		t.Errorf("AgentIDs() = %q; want %q", got, want)
	}
	// A person id that is not a resource id still names the person; repeats and blanks
	// are left out.
	q := webexid.Person{ID: "opaque-id", Emails: []string{"A@x.com", "a@x.com", " "}}
	if got, want := q.AgentIDs(), []string{"opaque-id", "a@x.com"}; !slices.Equal(got, want) {
		t.Errorf("AgentIDs() = %q; want %q", got, want)
	}
}

func TestMatches(t *testing.T) {
	t.Parallel()
	p := testPerson()
	upperID := []byte(p.ID)
	upperID[0] ^= 0x20 // one letter's case flipped: another base64 string
	tests := []struct {
		name    string
		agentID string
		want    bool
	}{
		{"CI user id (UUID from the person id)", agentUUID, true},
		{"CI user id in upper case", "F5B36187-C8DD-4727-8B2F-F9C447F29046", true},
		{"person id", p.ID, true},
		{"person id with a letter's case changed", string(upperID), false},
		{"e-mail as Webex gives it", "Maria.Garcia@Example.com", true},
		{"e-mail in lower case", "maria.garcia@example.com", true},
		{"second e-mail", "MGARCIA@EXAMPLE.NET", true},
		{"another agent's UUID", otherUUID, false},
		{"another agent's person id", webexidtest.PersonID(otherUUID), false},
		{"another e-mail", "someone@example.com", false},
		{"the organization's UUID", orgUUID, false},
		{"e-mail with spaces", " maria.garcia@example.com", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := p.Matches(tt.agentID); got != tt.want {
			t.Errorf("%s: Matches(%q) = %v; want %v", tt.name, tt.agentID, got, tt.want)
		}
		err := p.CheckAgent(tt.agentID)
		if tt.want != (err == nil) {
			t.Errorf("%s: CheckAgent(%q) = %v", tt.name, tt.agentID, err)
		}
		if err != nil {
			if e, ok := velocity.AsError(err); !ok || e.Code != velocity.CodeForbidden || e.Code.Kind() != velocity.KindForbidden || !errors.Is(err, webexid.ErrNotThisAgent) {
				t.Errorf("%s: CheckAgent error %v; want forbidden", tt.name, err)
			}
		}
	}
	// Every id AgentIDs lists is one Matches accepts.
	for _, id := range p.AgentIDs() {
		if !p.Matches(id) {
			t.Errorf("AgentIDs lists %q, which Matches refuses", id)
		}
	}
}

func TestOrgMatches(t *testing.T) {
	t.Parallel()
	p := testPerson()
	tests := []struct {
		name  string
		orgID string
		want  bool
	}{
		{"base64 form, as people/me gives it", webexidtest.OrgID(orgUUID), true},
		{"bare UUID, as the Desktop shows it", orgUUID, true},
		{"bare UUID in upper case", "1EB65FDF-9643-417F-9974-AD72CAE0E10F", true},
		{"with spaces around", "  " + orgUUID + "\n", true},
		{"base64 form of another region", base64.RawStdEncoding.EncodeToString([]byte("ciscospark://eu/ORGANIZATION/" + orgUUID)), true},
		{"another organization (base64)", webexidtest.OrgID(otherUUID), false},
		{"another organization (UUID)", otherUUID, false},
		{"a people id with the org's UUID", webexidtest.PersonID(orgUUID), false},
		{"garbage", "not-an-org", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := p.OrgMatches(tt.orgID); got != tt.want {
			t.Errorf("%s: OrgMatches(%q) = %v; want %v", tt.name, tt.orgID, got, tt.want)
		}
	}
	// A person whose org id is a bare UUID (not what Webex sends, but harmless) still
	// matches either form.
	q := webexid.Person{OrgID: orgUUID}
	if !q.OrgMatches(webexidtest.OrgID(orgUUID)) || !q.OrgMatches(orgUUID) {
		t.Error("a bare-UUID org id does not match its own forms")
	}
	if (webexid.Person{}).OrgMatches("") {
		t.Error("an empty org matches an empty org")
	}
}
