package velocity

import (
	"encoding/base64"
	"strings"
	"time"
)

// Cursor marks a position in a listing ordered by (WindowStart, ID).
type Cursor struct {
	WindowStart time.Time
	ID          string
}

// EncodeCursor returns the opaque text form of c.
func EncodeCursor(c Cursor) string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.WindowStart.UTC().Format(time.RFC3339Nano) + "|" + c.ID))
}

// DecodeCursor parses a cursor made by EncodeCursor.
func DecodeCursor(s string) (Cursor, error) {
	bad := NewError(CodeInvalidCursor, "The cursor is not one this server issued; start again without it.", FieldError{Field: "cursor", Code: FieldInvalid, Message: "is not a valid cursor"})
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, bad
	}
	at, id, ok := strings.Cut(string(b), "|")
	if !ok || id == "" || !CleanText(id, false) {
		return Cursor{}, bad
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return Cursor{}, bad
	}
	return Cursor{WindowStart: t, ID: id}, nil
}
