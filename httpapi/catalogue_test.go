package httpapi

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
)

// TestEveryCodeHasItsStatus checks that only the internal code is a 500: a kind added
// without a status in statusOf would make its codes 500s.
func TestEveryCodeHasItsStatus(t *testing.T) {
	for _, c := range velocity.ProblemCodes() {
		if status := statusOf(c.Kind); (status == http.StatusInternalServerError) != (c.Code == velocity.CodeInternal) {
			t.Errorf("%s: status %d", c.Code, status)
		}
	}
}

// readmeTable returns the rows of the README table whose header row is header: for each
// row, its cells with the first one's backquotes removed.
func readmeTable(t *testing.T, readme, header string) [][]string {
	t.Helper()
	lines := strings.Split(readme, "\n")
	start := slices.Index(lines, header)
	if start < 0 || start+1 >= len(lines) || !strings.HasPrefix(lines[start+1], "|---") {
		t.Fatalf("README.md has no table headed %q", header)
	}
	var rows [][]string
	for _, line := range lines[start+2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		cells[0] = strings.Trim(cells[0], "`")
		rows = append(rows, cells)
	}
	return rows
}

// TestCatalogueInReadme holds README.md's tables of codes to the catalogue: each
// catalogue code is a row, with the status the server answers it with; a row that is
// not in the catalogue fails.
func TestCatalogueInReadme(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)

	rows := map[velocity.Code]int{}
	for _, row := range readmeTable(t, readme, "| code | status | meaning |") {
		code := velocity.Code(row[0])
		if len(row) != 3 || row[2] == "" {
			t.Errorf("README row %q: want | `code` | status | meaning |", row)
			continue
		}
		info, ok := velocity.LookupCode(code)
		if !ok {
			t.Errorf("README lists %q, which the catalogue does not", code)
			continue
		}
		if _, dup := rows[code]; dup {
			t.Errorf("README lists %q twice", code)
		}
		status, _ := strconv.Atoi(row[1])
		rows[code] = status
		if want := statusOf(info.Kind); status != want {
			t.Errorf("README gives %s status %s; the server answers %d", code, row[1], want)
		}
	}
	for _, c := range velocity.ProblemCodes() {
		if _, ok := rows[c.Code]; !ok {
			t.Errorf("the README's table of codes lacks %s (%d): %s", c.Code, statusOf(c.Kind), c.Meaning)
		}
	}

	fieldRows := map[velocity.FieldCode]bool{}
	for _, row := range readmeTable(t, readme, "| field code | meaning |") {
		code := velocity.FieldCode(row[0])
		if len(row) != 2 || row[1] == "" {
			t.Errorf("README row %q: want | `field code` | meaning |", row)
			continue
		}
		if _, ok := velocity.LookupFieldCode(code); !ok {
			t.Errorf("README lists field code %q, which the catalogue does not", code)
		}
		if fieldRows[code] {
			t.Errorf("README lists field code %q twice", code)
		}
		fieldRows[code] = true
	}
	for _, c := range velocity.FieldCodes() {
		if !fieldRows[c.Code] {
			t.Errorf("the README's table of field codes lacks %s: %s", c.Code, c.Meaning)
		}
	}
}

// TestCatalogueInOpenAPI holds the OpenAPI document served at /api/v1/openapi.json to
// the catalogue: the enum of the Problem schema's code is the catalogue's problem codes,
// and the enum of its fields' code the field codes, in the catalogue's order.
func TestCatalogueInOpenAPI(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Problem struct {
					Properties struct {
						Code struct {
							Enum []string `json:"enum"`
						} `json:"code"`
						Fields struct {
							Items struct {
								Properties struct {
									Code struct {
										Enum []string `json:"enum"`
									} `json:"code"`
								} `json:"properties"`
							} `json:"items"`
						} `json:"fields"`
					} `json:"properties"`
				} `json:"Problem"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	var codes, fieldCodes []string
	for _, c := range velocity.ProblemCodes() {
		codes = append(codes, string(c.Code))
	}
	for _, c := range velocity.FieldCodes() {
		fieldCodes = append(fieldCodes, string(c.Code))
	}
	problem := doc.Components.Schemas.Problem.Properties
	if got := problem.Code.Enum; !slices.Equal(got, codes) {
		t.Errorf("OpenAPI Problem.code enum:\n got %q\nwant %q", got, codes)
	}
	if got := problem.Fields.Items.Properties.Code.Enum; !slices.Equal(got, fieldCodes) {
		t.Errorf("OpenAPI Problem.fields[].code enum:\n got %q\nwant %q", got, fieldCodes)
	}
}
