package httpapi

import (
	"net/http"

	"github.com/customerdynamics/velocity"
)

// inboundCall is what an IVR flow learns when a customer calls in: their open
// callbacks (as they are after this call, with the window in their zone and in words),
// and how many this call marked reached (the tenant's inboundMatch policy).
type inboundCall struct {
	velocity.InboundResult
	Found int `json:"found"`
	// SpokenWindow is the first callback's window in words ("" when none), at a path
	// a flow's output variable can always read.
	SpokenWindow string         `json:"spokenWindow"`
	Callbacks    []callbackView `json:"callbacks"`
}

// inbound reports a customer's inbound call (POST /interactions/inbound).
func (s *Server) inbound(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var in velocity.InboundInput
	if err := decodeJSON(r, &in, false); err != nil {
		return err
	}
	res, err := s.cfg.Service.Inbound(r.Context(), p, in)
	if err != nil {
		return err
	}
	v := s.viewer(r.Context(), p.Tenant.ID)
	out := inboundCall{InboundResult: res, Found: len(res.Callbacks), Callbacks: make([]callbackView, len(res.Callbacks))}
	for i, cb := range res.Callbacks {
		out.Callbacks[i] = v.spoken(cb)
		if i == 0 && cb.Status.Open() {
			out.SpokenWindow = out.Callbacks[i].Spoken
		}
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}
