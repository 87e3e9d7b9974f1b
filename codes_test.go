package velocity

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var codePattern = regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)

// TestCatalogue checks that every problem and field code is listed once, in snake_case,
// with a one-line meaning, and that the look-ups find each.
func TestCatalogue(t *testing.T) {
	seen := map[Code]bool{}
	for _, c := range ProblemCodes() {
		if !codePattern.MatchString(string(c.Code)) || seen[c.Code] {
			t.Errorf("problem code %q: not snake_case, or listed twice", c.Code)
		}
		seen[c.Code] = true
		if c.Meaning == "" || strings.ContainsAny(c.Meaning, "\n|") {
			t.Errorf("problem code %q: its meaning must be one line of text without |", c.Code)
		}
		if info, ok := LookupCode(c.Code); !ok || info != c || c.Code.Kind() != c.Kind {
			t.Errorf("LookupCode(%q) = %v, %v", c.Code, info, ok)
		}
	}
	if _, ok := LookupCode("no_such_code"); ok || Code("no_such_code").Kind() != KindInternal {
		t.Error("an unlisted code is found, or is not internal")
	}
	seenField := map[FieldCode]bool{}
	for _, c := range FieldCodes() {
		if !codePattern.MatchString(string(c.Code)) || seenField[c.Code] {
			t.Errorf("field code %q: not snake_case, or listed twice", c.Code)
		}
		seenField[c.Code] = true
		if c.Meaning == "" || strings.ContainsAny(c.Meaning, "\n|") {
			t.Errorf("field code %q: its meaning must be one line of text without |", c.Code)
		}
		if info, ok := LookupFieldCode(c.Code); !ok || info != c {
			t.Errorf("LookupFieldCode(%q) = %v, %v", c.Code, info, ok)
		}
	}
}

// TestSentinelsFromCatalogue checks that every sentinel error has a catalogued code and
// that code's kind.
func TestSentinelsFromCatalogue(t *testing.T) {
	for _, e := range []*Error{ErrNotFound, ErrInvalidTransition, ErrDuplicateOpen, ErrAlreadyClaimed, ErrNotOwner,
		ErrNotClaimHolder, ErrVersionMismatch, ErrIdempotencyMismatch, ErrUnauthorized, ErrUnavailable, ErrStaleWrite,
		ErrOutsideHours, ErrDoNotCall, ErrBadStreamToken, ErrTooManyAttempts, ValidationError()} {
		info, ok := LookupCode(e.Code)
		if !ok || e.Kind != info.Kind || e.Message == "" {
			t.Errorf("%s: not in the catalogue, or of kind %d where the catalogue says %d", e.Code, e.Kind, info.Kind)
		}
	}
}

// TestNoCodeLiterals holds the rule that problem and field codes are written only in
// the catalogue: no non-test Go file elsewhere in the module gives a `Code:` field, a
// constructor's code argument, a checker's code or a Code/FieldCode conversion as a
// string literal. It reads the source tree with go/parser.
func TestNoCodeLiterals(t *testing.T) {
	catalogue, _ := filepath.Abs("codes.go")
	var files int
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		if abs, _ := filepath.Abs(path); abs == catalogue {
			return nil
		}
		files++
		for _, bad := range codeLiterals(t, path) {
			t.Errorf("%s: a code written as a string literal; use a constant of codes.go", bad)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("scanned only %d files; is the test running at the module root?", files)
	}
}

// codeLiterals returns the positions in one file where a code is a string literal.
func codeLiterals(t *testing.T, path string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	isString := func(e ast.Expr) bool {
		lit, ok := e.(*ast.BasicLit)
		return ok && lit.Kind == token.STRING
	}
	var out []string
	flag := func(n ast.Node) { out = append(out, fset.Position(n.Pos()).String()) }
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr: // Error{Code: "..."}, FieldError{Code: "..."}
			if key, ok := n.Key.(*ast.Ident); ok && key.Name == "Code" && isString(n.Value) {
				flag(n)
			}
		case *ast.CallExpr:
			name := ""
			switch fn := n.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			arg := -1
			switch name {
			case "NewError", "Code", "FieldCode": // constructors and conversions: the code comes first
				arg = 0
			case "add": // checker.add(field, code, message)
				if len(n.Args) == 3 {
					arg = 1
				}
			}
			if arg >= 0 && arg < len(n.Args) && isString(n.Args[arg]) {
				if s, _ := strconv.Unquote(n.Args[arg].(*ast.BasicLit).Value); s != "" {
					flag(n)
				}
			}
		}
		return true
	})
	return out
}
