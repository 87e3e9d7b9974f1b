package velocity_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
)

func TestErrors(t *testing.T) {
	t.Parallel()
	cause := errors.New("disk on fire")
	e := &velocity.Error{Kind: velocity.KindUnavailable, Code: "database_unavailable", Message: "retry", Err: cause}
	// The cause is kept for logs and errors.Is, under the domain error clients see.
	if !errors.Is(e, cause) || !strings.Contains(e.Error(), "disk on fire") {
		t.Fatalf("cause: %v", e)
	}
	detailed := velocity.ErrNotFound.With("This number is not listed.", map[string]any{"x": 1})
	if !errors.Is(detailed, velocity.ErrNotFound) || errors.Is(detailed, velocity.ErrInvalidTransition) {
		t.Fatal("errors do not match by code")
	}
	if velocity.ErrNotFound.Message == detailed.Message || velocity.ErrNotFound.Extra != nil {
		t.Fatal("With changed the sentinel")
	}
	if kept := velocity.ErrNotFound.With("", nil); kept.Message != velocity.ErrNotFound.Message {
		t.Fatalf("empty message replaced: %q", kept.Message)
	}
	if got, ok := velocity.AsError(fmt.Errorf("listing: %w", detailed)); !ok || got.Code != "not_found" || got.Extra["x"] != 1 {
		t.Fatalf("wrapped: %+v", got)
	}
	if _, ok := velocity.AsError(errors.New("plain")); ok {
		t.Fatal("a plain error taken for a domain error")
	}
}
