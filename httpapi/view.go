package httpapi

import (
	"context"
	"time"

	"github.com/customerdynamics/velocity"
)

// callbackView is a callback as the API shows it: the stored fields plus whether it may
// be dialed now under the tenant's calling hours (derived at response time).
type callbackView struct {
	velocity.Callback
	Callable *velocity.Callability `json:"callable,omitempty"`
	// ClaimedBy and ClaimExpiresAt are shown while the callback is claimed; a lapsed
	// claim (velocity.Callback.LapsedHolder) is the server's bookkeeping.
	ClaimedBy      *string    `json:"claimedBy"`
	ClaimExpiresAt *time.Time `json:"claimExpiresAt"`
	// LocalWindow is the window in the customer's zone and in words, in the answers an
	// IVR flow reads: a create's and an inbound call's.
	*velocity.LocalWindow
}

// eventView is an event with its callback shown as a callbackView.
type eventView struct {
	velocity.Event
	Callback callbackView `json:"callback"`
}

// viewer annotates callbacks of one tenant with the policy read once.
type viewer struct {
	pol   *velocity.Policy
	now   time.Time
	zones map[string]velocity.Callability // callability depends only on the zone and now
}

func (s *Server) viewer(ctx context.Context, tenantID string) viewer {
	v := viewer{now: s.clock.Now(), zones: map[string]velocity.Callability{}}
	if pol, err := s.cfg.Service.Policy(ctx, tenantID); err == nil {
		v.pol = &pol
	}
	return v
}

func (v viewer) callback(cb velocity.Callback) callbackView {
	out := callbackView{Callback: cb}
	if cb.Status == velocity.StatusClaimed {
		out.ClaimedBy, out.ClaimExpiresAt = cb.ClaimedBy, cb.ClaimExpiresAt
	}
	if v.pol != nil && cb.Status.Open() {
		c, ok := v.zones[cb.Timezone]
		if !ok {
			c = v.pol.Callability(&cb, v.now)
			v.zones[cb.Timezone] = c
		}
		out.Callable = &c
	}
	return out
}

// spoken is callback with the window in the customer's zone and in words.
func (v viewer) spoken(cb velocity.Callback) callbackView {
	out := v.callback(cb)
	lw := cb.Local(v.now)
	out.LocalWindow = &lw
	return out
}

func (v viewer) callbacks(cbs []velocity.Callback) []callbackView {
	out := make([]callbackView, len(cbs))
	for i, cb := range cbs {
		out[i] = v.callback(cb)
	}
	return out
}
