package webexid

import (
	"encoding/base64"
	"slices"
	"strings"

	"github.com/customerdynamics/velocity"
)

// The kinds of Webex resource id this package reads.
const (
	KindPeople       = "PEOPLE"
	KindOrganization = "ORGANIZATION"
)

// Person is who a Webex access token belongs to, as Webex's people/me reported it.
type Person struct {
	ID          string   // the person id: a base64 resource id of kind PEOPLE
	OrgID       string   // the organization id: a base64 resource id of kind ORGANIZATION
	Emails      []string // the person's e-mail addresses, as Webex gave them
	DisplayName string
}

// clone returns p with its own copy of Emails.
func (p Person) clone() Person {
	p.Emails = slices.Clone(p.Emails)
	return p
}

// ErrNotThisAgent is returned by CheckAgent when a request names another agent than the
// one the Webex token proves.
var ErrNotThisAgent = velocity.NewError(velocity.CodeForbidden,
	"The request names another agent than the one its Webex access token proves; an agent may act only as themselves.")

// UUID returns the UUID the person id names, in lower case; ok is false when the id is
// neither a UUID nor a base64 Webex resource id of kind PEOPLE.
func (p Person) UUID() (uuid string, ok bool) { return ResourceUUID(p.ID, KindPeople) }

// AgentIDs returns the agent ids the person may act as, in the forms Matches accepts:
// the UUID of the person id in lower case (when it has one), the person id as it is,
// and each e-mail address in lower case; without repeats or empty strings.
func (p Person) AgentIDs() []string {
	ids := make([]string, 0, 2+len(p.Emails))
	add := func(s string) {
		if s != "" && !slices.Contains(ids, s) {
			ids = append(ids, s)
		}
	}
	if u, ok := p.UUID(); ok {
		add(u)
	}
	add(p.ID)
	for _, e := range p.Emails {
		add(strings.ToLower(strings.TrimSpace(e)))
	}
	return ids
}

// Matches reports whether agentID is one the person may act as: the person id exactly,
// or the UUID of the person id or one of the person's e-mail addresses regardless of
// case. An empty agentID matches nothing.
func (p Person) Matches(agentID string) bool {
	if agentID == "" {
		return false
	}
	if agentID == p.ID {
		return true
	}
	if u, ok := p.UUID(); ok && strings.EqualFold(agentID, u) {
		return true
	}
	for _, e := range p.Emails {
		if e = strings.TrimSpace(e); e != "" && strings.EqualFold(agentID, e) {
			return true
		}
	}
	return false
}

// CheckAgent returns nil when the person may act as agentID (see Matches), and
// ErrNotThisAgent (forbidden, 403) otherwise.
func (p Person) CheckAgent(agentID string) error {
	if p.Matches(agentID) {
		return nil
	}
	return ErrNotThisAgent
}

// OrgMatches reports whether the person belongs to the organization orgID, given either
// as a base64 Webex resource id of kind ORGANIZATION (the form people/me returns) or as
// the bare UUID (the form the Desktop shows); the two are compared by UUID, regardless
// of case and surrounding spaces. An empty orgID matches nothing.
func (p Person) OrgMatches(orgID string) bool {
	orgID = strings.TrimSpace(orgID)
	if orgID == "" || p.OrgID == "" {
		return false
	}
	if orgID == p.OrgID {
		return true
	}
	want, ok1 := ResourceUUID(orgID, KindOrganization)
	got, ok2 := ResourceUUID(p.OrgID, KindOrganization)
	return ok1 && ok2 && want == got
}

// ResourceUUID returns, in lower case, the UUID that id names: id itself when it is a
// UUID, or the UUID at the end of a base64 Webex resource id of the given kind
// ("ciscospark://<region>/<kind>/<uuid>", padded or not, standard or URL alphabet).
// ok is false for anything else, including a resource id of another kind. Use it to
// check and normalize an organization id an administrator configures.
func ResourceUUID(id, kind string) (uuid string, ok bool) {
	if isUUID(id) {
		return strings.ToLower(id), true
	}
	raw := strings.TrimRight(id, "=")
	if raw == "" || len(raw) > 256 {
		return "", false
	}
	var b []byte
	var err error
	if b, err = base64.RawStdEncoding.DecodeString(raw); err != nil {
		if b, err = base64.RawURLEncoding.DecodeString(raw); err != nil {
			return "", false
		}
	}
	rest, found := strings.CutPrefix(string(b), "ciscospark://")
	if !found {
		return "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[0] == "" || !strings.EqualFold(parts[1], kind) || !isUUID(parts[2]) {
		return "", false
	}
	return strings.ToLower(parts[2]), true
}

// isUUID reports whether s is a UUID in the 8-4-4-4-12 hexadecimal form, in any case.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
