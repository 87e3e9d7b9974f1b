package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/customerdynamics/velocity"
)

// getPolicy returns the tenant's scheduling policy (the defaults until changed).
func (s *Server) getPolicy(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	pol, err := s.cfg.Service.Policy(r.Context(), p.Tenant.ID)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, pol.Doc())
	return nil
}

// updatePolicy changes the fields of the policy the body names and returns it whole.
func (s *Server) updatePolicy(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	raw, err := readBody(r)
	if err != nil {
		return err
	}
	var doc velocity.PolicyDoc
	if err := decodeBytes(raw, &doc); err != nil {
		return err
	}
	// Nested objects (a day's hours) are checked for unknown fields too.
	strict := json.NewDecoder(bytes.NewReader(raw))
	strict.DisallowUnknownFields()
	if err := strict.Decode(&velocity.PolicyDoc{}); err != nil {
		return velocity.NewError(velocity.CodeUnknownField, "The policy has a field it does not know: "+strings.TrimPrefix(err.Error(), "json: ")+"; see GET /api/v1/policy for its shape.")
	}
	pol, err := s.cfg.Service.UpdatePolicy(r.Context(), p, doc)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, pol.Doc())
	return nil
}

var dncParams = map[string]bool{"after": true, "limit": true}

func (s *Server) listDoNotCall(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	q := r.URL.Query()
	if err := checkParams(q, dncParams); err != nil {
		return err
	}
	limit := 100
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return badParam("limit", "must be a whole number from 1 to 1000")
		}
		limit = n
	}
	items, err := s.cfg.Service.ListDoNotCall(r.Context(), p, q.Get("after"), limit)
	if err != nil {
		return err
	}
	var next *string
	if len(items) == limit {
		n := items[len(items)-1].PhoneNumber
		next = &n
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"items": items, "nextAfter": next})
	return nil
}

type dncBody struct {
	PhoneNumber string                    `json:"phoneNumber"`
	Country     string                    `json:"country"`
	Reason      string                    `json:"reason"`
	Numbers     []velocity.DoNotCallInput `json:"numbers"`
}

// addDoNotCall lists one number ({phoneNumber, country?, reason?}) or several
// ({numbers: [...]}) and cancels their open callbacks.
func (s *Server) addDoNotCall(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b dncBody
	if err := decodeJSON(r, &b, false); err != nil {
		return err
	}
	inputs := b.Numbers
	if b.PhoneNumber != "" || len(inputs) == 0 {
		inputs = append(inputs, velocity.DoNotCallInput{PhoneNumber: b.PhoneNumber, Country: b.Country, Reason: b.Reason})
	}
	if len(inputs) > 1000 {
		return velocity.ValidationError(velocity.FieldError{Field: "numbers", Code: velocity.FieldTooMany, Message: "at most 1000 at once; use /do-not-call/import for more"})
	}
	res, err := s.cfg.Service.AddDoNotCall(r.Context(), p, inputs)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, res)
	return nil
}

// MaxImportBytes is the largest do-not-call CSV one import takes.
const MaxImportBytes = 8 << 20

// importDoNotCall lists the numbers of a CSV body ("phoneNumber[,reason[,country]]" per
// line) and reports bad lines by number; good lines are kept.
func (s *Server) importDoNotCall(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	body := http.MaxBytesReader(w, r.Body, MaxImportBytes)
	rep, err := s.cfg.Service.ImportDoNotCall(r.Context(), p, body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return velocity.NewError(velocity.CodeBodyTooLarge, "An import may be at most 8 MiB; split the file.")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return velocity.NewError(velocity.CodeUnreadableBody, "The request body could not be read.")
	}
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, rep)
	return nil
}

func (s *Server) removeDoNotCall(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	country := r.URL.Query().Get("country")
	if err := s.cfg.Service.RemoveDoNotCall(r.Context(), p, r.PathValue("phone"), country); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
