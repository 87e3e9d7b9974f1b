package sqlstore

import (
	"encoding/json"
	"errors"

	"github.com/customerdynamics/velocity"
)

// encodePolicy returns the policy column for p: its velocity.PolicyDoc as JSON.
func encodePolicy(p velocity.Policy) (string, error) {
	doc, err := json.Marshal(p.Doc())
	return string(doc), err
}

// ReadPolicy returns what a store's GetPolicy returns for a read of the policy column:
// doc, and the read's error mapped to the domain's. No row (velocity.ErrNotFound) is no
// policy stored: ok false and no error. A stored document is applied to
// velocity.DefaultPolicy.
func ReadPolicy(doc []byte, err error) (p velocity.Policy, ok bool, _ error) {
	if errors.Is(err, velocity.ErrNotFound) {
		return velocity.Policy{}, false, nil
	}
	if err != nil {
		return velocity.Policy{}, false, err
	}
	var d velocity.PolicyDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return velocity.Policy{}, false, err
	}
	p, err = d.Apply(velocity.DefaultPolicy())
	return p, err == nil, err
}

// DoNotCallCols is the do_not_call column list ScanDoNotCall reads.
const DoNotCallCols = `tenant_id, phone_number, reason, added_by, added_at`

// ScanDoNotCall reads a row of DoNotCallCols; its error is returned unchanged.
func (d Dialect) ScanDoNotCall(row Scanner) (velocity.DoNotCall, error) {
	var e velocity.DoNotCall
	err := row.Scan(&e.TenantID, &e.PhoneNumber, &e.Reason, &e.AddedBy, d.ScanTime(&e.AddedAt))
	return e, err
}
