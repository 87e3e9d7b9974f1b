package httpapi_test

import (
	"strings"
	"testing"
)

func TestEraseCustomer(t *testing.T) {
	e := newEnv(t)
	id := e.create(map[string]any{"phoneNumber": "+12125550191", "customerName": "Philippa Erasable", "notes": "call after 5"}).str("id")
	r := e.do(&e.admin, "POST", "/api/v1/customers/erase", map[string]any{"phoneNumber": "(212) 555-0191"}).want(t, 200, "")
	if cbs := r.body["callbacks"].([]any); len(cbs) != 1 || cbs[0] != id || r.body["cancelled"].([]any)[0] != id || r.body["doNotCall"] != false {
		t.Fatalf("erase %s", r.raw)
	}
	g := e.do(&e.admin, "GET", "/api/v1/callbacks/"+id, nil).want(t, 200, "")
	if g.str("customerName") != "[erased]" || g.str("notes") != "" || !strings.HasPrefix(g.str("phoneNumber"), "erased:") || g.str("status") != "cancelled" {
		t.Fatalf("erased callback %s", g.raw)
	}
	h := e.do(&e.admin, "GET", "/api/v1/callbacks/"+id+"/history", nil).want(t, 200, "")
	if strings.Contains(string(h.raw), "Philippa") || strings.Contains(string(h.raw), "555-0191") || strings.Contains(string(h.raw), "5550191") {
		t.Fatalf("history keeps the customer: %s", h.raw)
	}
	a := e.do(&e.admin, "GET", "/api/v1/audit?kind=customer.erase", nil).want(t, 200, "")
	if !strings.Contains(string(a.raw), `"target":"1 callbacks"`) || strings.Contains(string(a.raw), "5550191") {
		t.Fatalf("audit %s", a.raw)
	}
	e.do(&e.admin, "POST", "/api/v1/customers/erase", map[string]any{"phoneNumber": "12"}).want(t, 422, "validation_failed")
	e.do(&e.admin, "POST", "/api/v1/customers/erase", map[string]any{"phoneNumber": "+12125550191", "name": "x"}).want(t, 400, "unknown_field")
	e.do(&e.sup, "POST", "/api/v1/customers/erase", map[string]any{"phoneNumber": "+12125550191"}).want(t, 403, "forbidden")
}

func TestPolicyShowsRetention(t *testing.T) {
	e := newEnv(t)
	p := e.do(&e.other, "GET", "/api/v1/policy", nil).want(t, 200, "")
	if p.body["callbackRetentionDays"] != float64(400) || p.body["eventLogRetentionDays"] != float64(30) || p.body["auditRetentionDays"] != float64(400) {
		t.Fatalf("policy %s", p.raw)
	}
	u := e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"callbackRetentionDays": 30, "auditRetentionDays": 365}).want(t, 200, "")
	if u.body["callbackRetentionDays"] != float64(30) || u.body["auditRetentionDays"] != float64(365) || u.body["eventLogRetentionDays"] != float64(30) {
		t.Fatalf("updated %s", u.raw)
	}
	r := e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"auditRetentionDays": 30}).want(t, 422, "validation_failed")
	if !strings.Contains(string(r.raw), `"field":"auditRetentionDays"`) {
		t.Fatalf("refusal %s", r.raw)
	}
}
