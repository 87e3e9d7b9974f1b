package httpapi

import (
	"net/http"

	"github.com/customerdynamics/velocity"
)

type eraseBody struct {
	PhoneNumber string `json:"phoneNumber"`
	Country     string `json:"country"`
}

// eraseCustomer removes the personal data of the customer at a number (admin only): see
// velocity.Service.EraseCustomer. The answer says what was done.
func (s *Server) eraseCustomer(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b eraseBody
	if err := decodeJSON(r, &b, false); err != nil {
		return err
	}
	res, err := s.cfg.Service.EraseCustomer(r.Context(), p, b.PhoneNumber, b.Country)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, res)
	return nil
}
