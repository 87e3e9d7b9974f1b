package velocity

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ImportReport says what a do-not-call import did: every line is counted once as added,
// already listed, or an error (with its line number); good lines are kept whatever the
// bad ones.
type ImportReport struct {
	Lines         int           `json:"lines"`
	Added         int           `json:"added"`
	AlreadyListed int           `json:"alreadyListed"`
	Cancelled     []string      `json:"cancelled"`
	Errors        []ImportError `json:"errors"`
}

// ImportError is one bad line of an import.
type ImportError struct {
	Line    int    `json:"line"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// MaxImportLines bounds one do-not-call import.
const MaxImportLines = 100_000

// ImportDoNotCall reads CSV lines "phoneNumber[,reason[,country]]" (a first line naming
// the columns is skipped) and lists every valid number, reporting the others by line.
func (s *Service) ImportDoNotCall(ctx context.Context, p Principal, r io.Reader) (ImportReport, error) {
	rep := ImportReport{Errors: []ImportError{}, Cancelled: []string{}}
	now := s.now()
	seen := map[string]bool{}
	var entries []DoNotCall
	// Each physical line is parsed on its own, so a malformed line (a stray quote) can
	// spoil only itself and line numbers are exact.
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 64*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		rep.Lines++
		if rep.Lines > MaxImportLines {
			return rep, ValidationError(FieldError{Field: "body", Code: FieldTooManyLines, Message: "an import may have at most 100000 lines; split the file"})
		}
		cr := csv.NewReader(strings.NewReader(text))
		cr.FieldsPerRecord = -1
		cr.TrimLeadingSpace = true
		rec, err := cr.Read()
		if err != nil {
			rep.Errors = append(rep.Errors, ImportError{Line: line, Value: truncate(text, 64), Message: "not valid CSV: " + errors.Unwrap(err).Error()})
			continue
		}
		if rep.Lines == 1 && strings.Contains(strings.ToLower(rec[0]), "phone") {
			rep.Lines--
			continue // a header
		}
		in := DoNotCallInput{PhoneNumber: rec[0]}
		if len(rec) > 1 {
			in.Reason = rec[1]
		}
		if len(rec) > 2 {
			in.Country = strings.TrimSpace(rec[2])
		}
		e, fe := normalizeDNC(p, in, now)
		if fe != nil {
			rep.Errors = append(rep.Errors, ImportError{Line: line, Value: truncate(rec[0], 64), Message: fe.Field + " " + fe.Message})
			continue
		}
		if seen[e.PhoneNumber] {
			rep.AlreadyListed++
			continue
		}
		seen[e.PhoneNumber] = true
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return rep, ValidationError(FieldError{Field: "body", Code: FieldLineTooLong, Message: fmt.Sprintf("line %d is over 64 KiB; is this a CSV of phone numbers?", line+1)})
		}
		return rep, err
	}
	res, err := s.addDNC(ctx, p, entries)
	if err != nil {
		return rep, err
	}
	rep.Added = res.Added
	rep.AlreadyListed += len(entries) - res.Added
	rep.Cancelled = res.Cancelled
	return rep, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
