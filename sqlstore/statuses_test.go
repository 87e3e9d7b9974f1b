package sqlstore

import (
	"testing"

	"github.com/customerdynamics/velocity"
)

func TestStatusList(t *testing.T) {
	for _, tc := range []struct {
		in   []velocity.Status
		want string
	}{
		{velocity.OpenStatuses, OpenStatuses},
		{[]velocity.Status{"completed"}, `'completed'`},
		{[]velocity.Status{"failed", "x'; DROP TABLE callbacks; --", "cancelled"}, `'failed', 'cancelled'`},
		{[]velocity.Status{"bogus"}, `''`},
		{nil, `''`},
	} {
		if got := StatusList(tc.in); got != tc.want {
			t.Errorf("StatusList(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
