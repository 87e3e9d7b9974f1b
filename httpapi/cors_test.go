package httpapi_test

import "testing"

// A Private Network Access preflight (Chrome, the Desktop's public origin calling a server
// on an intranet) is granted to the allowed origins only, and only when asked for.
func TestCORSPrivateNetworkAccess(t *testing.T) {
	e := newEnv(t)
	const desktop = "https://desktop.wxcc-us1.cisco.com"
	r := e.do(nil, "OPTIONS", "/api/v1/callbacks", nil, "Origin", desktop, "Access-Control-Request-Method", "POST", "Access-Control-Request-Private-Network", "true")
	if r.status != 204 || r.header.Get("Access-Control-Allow-Private-Network") != "true" || r.header.Get("Access-Control-Allow-Origin") != desktop {
		t.Fatalf("private network preflight: %d %v", r.status, r.header)
	}
	r = e.do(nil, "OPTIONS", "/assets/callback.js", nil, "Origin", desktop, "Access-Control-Request-Method", "GET", "Access-Control-Request-Private-Network", "true")
	if r.header.Get("Access-Control-Allow-Private-Network") != "true" {
		t.Fatalf("private network preflight for the script: %d %v", r.status, r.header)
	}
	// The widget imports the Desktop SDK as a module from the Desktop's origin: CORS applies.
	r = e.do(nil, "GET", "/assets/desktop-sdk.js", nil, "Origin", desktop)
	if r.status != 200 || r.header.Get("Access-Control-Allow-Origin") != desktop {
		t.Fatalf("the SDK module for the Desktop: %d %v", r.status, r.header)
	}
	r = e.do(nil, "OPTIONS", "/api/v1/callbacks", nil, "Origin", desktop, "Access-Control-Request-Method", "POST")
	if r.header.Get("Access-Control-Allow-Private-Network") != "" {
		t.Fatal("private network access granted unasked")
	}
	r = e.do(nil, "OPTIONS", "/api/v1/callbacks", nil, "Origin", "https://evil.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Private-Network", "true")
	if r.header.Get("Access-Control-Allow-Private-Network") != "" || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("private network access for an unknown origin: %v", r.header)
	}
}
