package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/customerdynamics/velocity"
)

// MaxBodyBytes is the largest request body the API reads; larger ones get 413.
const MaxBodyBytes = 64 << 10

// readBody reads the request body within MaxBodyBytes. The body is read as JSON whatever
// its Content-Type says: a client that forgets the header gets its JSON read, and one
// that sends something else gets a JSON error naming the problem.
func readBody(r *http.Request) ([]byte, error) { return readBodyUpTo(r, MaxBodyBytes) }

// readBodyUpTo is readBody with a limit of its own.
func readBodyUpTo(r *http.Request, limit int) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r.Body, int64(limit)+1))
	if err != nil {
		return nil, velocity.NewError(velocity.CodeUnreadableBody, "The request body could not be read.")
	}
	if len(b) > limit {
		return nil, velocity.NewError(velocity.CodeBodyTooLarge, fmt.Sprintf("The request body is over the %d KiB limit.", limit>>10))
	}
	return b, nil
}

// decodeJSON decodes a request body into dst, refusing unknown fields, trailing data
// and values of the wrong type with a 400 problem naming the field. An empty body
// decodes as {} when allowEmpty.
func decodeJSON(r *http.Request, dst any, allowEmpty bool) error {
	b, err := readBody(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		if allowEmpty {
			return nil
		}
		return velocity.NewError(velocity.CodeEmptyBody, "The request needs a JSON object body.")
	}
	return decodeBytes(b, dst)
}

// decodeBytes decodes one JSON object into dst. Fields dst does not name are refused,
// all of them listed, so a misspelt field never silently does nothing.
func decodeBytes(b []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	var obj map[string]json.RawMessage
	if err := dec.Decode(&obj); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return velocity.NewError(velocity.CodeInvalidJSON, "The body has data after its JSON value; send one object.")
	}
	if obj == nil {
		return velocity.NewError(velocity.CodeInvalidJSON, "The body must be a JSON object.")
	}
	if unknown := unknownFields(obj, dst); len(unknown) > 0 {
		fields := make([]velocity.FieldError, len(unknown))
		for i, name := range unknown {
			fields[i] = velocity.FieldError{Field: name, Code: velocity.FieldUnknownField, Message: "is not a known field"}
		}
		return velocity.NewError(velocity.CodeUnknownField, fmt.Sprintf("The field %q is not part of this request; check its spelling against the API description.", unknown[0]), fields...)
	}
	if err := json.Unmarshal(b, dst); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return jsonError(err)
		}
		if field, ferr := badField(obj, dst); field != "" {
			msg := "is not a valid value"
			if strings.Contains(ferr.Error(), "parsing time") {
				msg = "must be an RFC 3339 timestamp, e.g. 2026-05-01T14:00:00Z"
			}
			return velocity.NewError(velocity.CodeInvalidFieldValue, field+" "+msg+".",
				velocity.FieldError{Field: field, Code: velocity.FieldInvalidValue, Message: msg})
		}
		return jsonError(err)
	}
	return nil
}

// badField finds the first field (by name) whose value does not decode into its struct
// field's type, so that an error names it.
func badField(obj map[string]json.RawMessage, dst any) (string, error) {
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return "", nil
	}
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		for i := 0; i < t.NumField(); i++ {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if tag != name {
				continue
			}
			if err := json.Unmarshal(obj[name], reflect.New(t.Field(i).Type).Interface()); err != nil {
				return name, err
			}
		}
	}
	return "", nil
}

var fieldCache sync.Map // reflect.Type -> map[string]bool

// unknownFields returns the keys of obj that dst's struct type does not name in its
// json tags, sorted.
func unknownFields(obj map[string]json.RawMessage, dst any) []string {
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	known, ok := fieldCache.Load(t)
	if !ok {
		m := map[string]bool{}
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if name != "" && name != "-" {
				m[name] = true
			}
		}
		known, _ = fieldCache.LoadOrStore(t, m)
	}
	var out []string
	for k := range obj {
		if !known.(map[string]bool)[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return velocity.NewError(velocity.CodeInvalidJSON, fmt.Sprintf("The body is not valid JSON (at byte %d): %v.", syn.Offset, syn))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return velocity.NewError(velocity.CodeInvalidJSON, "The body must be a JSON object.")
		}
		return velocity.NewError(velocity.CodeInvalidFieldType, fmt.Sprintf("%s must be a JSON %s.", field, jsonKind(typ.Type.String())),
			velocity.FieldError{Field: field, Code: velocity.FieldInvalidType, Message: "must be a JSON " + jsonKind(typ.Type.String())})
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return velocity.NewError(velocity.CodeInvalidJSON, "The body is truncated JSON.")
	}
	// Values that fail their own parsing, such as a timestamp that is not RFC 3339.
	return velocity.NewError(velocity.CodeInvalidJSON, "The body could not be read: "+err.Error()+". Timestamps are RFC 3339, e.g. 2026-05-01T14:00:00Z.")
}

func jsonKind(goType string) string {
	switch {
	case strings.Contains(goType, "int"), strings.Contains(goType, "float"):
		return "number"
	case strings.Contains(goType, "string"), strings.Contains(goType, "Time"), strings.Contains(goType, "Outcome"), strings.Contains(goType, "Status"):
		return "string"
	case strings.Contains(goType, "bool"):
		return "boolean"
	case strings.HasPrefix(goType, "map"), strings.HasPrefix(goType, "struct"):
		return "object"
	case strings.HasPrefix(goType, "[]"):
		return "array"
	}
	return "value of another type"
}
