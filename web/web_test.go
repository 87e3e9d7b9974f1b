package web_test

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity/web"
)

func get(t *testing.T, h http.Handler, path string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "http://velocity.test"+path, nil)
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestAssets(t *testing.T) {
	t.Parallel()
	h := web.Handler(web.Options{})
	tests := []struct {
		path, contentType, contains string
	}{
		{"/assets/callback.js", "text/javascript; charset=utf-8", "cdyx-vel-callback"},
		{"/assets/desktop-sdk.js", "text/javascript; charset=utf-8", "AGENTX_SERVICE"},
		{"/logo.svg", "image/svg+xml", "<svg"},
		{"/simulator", "text/html; charset=utf-8", "/simulator/simulator.js"},
		{"/simulator/", "text/html; charset=utf-8", "Desktop simulator"},
		{"/simulator/simulator.js", "text/javascript; charset=utf-8", "velocitySimulator"},
		{"/simulator/simulator.css", "text/css; charset=utf-8", ".sim-bar"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			w := get(t, h, tt.path, nil)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			if got := w.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got, tt.contentType)
			}
			if w.Header().Get("Cache-Control") != "no-cache" {
				t.Errorf("Cache-Control %q", w.Header().Get("Cache-Control"))
			}
			etag := w.Header().Get("ETag")
			if !strings.HasPrefix(etag, `"`) {
				t.Fatalf("ETag %q", etag)
			}
			if !strings.Contains(w.Body.String(), tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
			for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag} {
				w2 := get(t, h, tt.path, map[string]string{"If-None-Match": inm})
				if w2.Code != http.StatusNotModified || w2.Body.Len() != 0 {
					t.Errorf("If-None-Match %s: status %d, %d bytes", inm, w2.Code, w2.Body.Len())
				}
			}
			if w3 := get(t, h, tt.path, map[string]string{"If-None-Match": `"stale"`}); w3.Code != http.StatusOK {
				t.Errorf("stale ETag: status %d", w3.Code)
			}
		})
	}
	for _, p := range []string{"/assets/other.js", "/simulator/nope", "/logo.png"} {
		if w := get(t, h, p, nil); w.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, w.Code)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/assets/callback.js", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", w.Code)
	}
}

// widgetsIn returns every cdyx-vel-callback widget of a decoded layout.
func widgetsIn(v any) []map[string]any {
	var out []map[string]any
	switch t := v.(type) {
	case []any:
		for _, x := range t {
			out = append(out, widgetsIn(x)...)
		}
	case map[string]any:
		if t["comp"] == "cdyx-vel-callback" {
			out = append(out, t)
		}
		for _, x := range t {
			out = append(out, widgetsIn(x)...)
		}
	}
	return out
}

func TestDefaultLayout(t *testing.T) {
	t.Parallel()
	demo := &web.DemoCredentials{APIKey: "velocity-demo-key", Username: "demo", Password: "demo-password"}
	for _, tt := range []struct {
		name    string
		demo    *web.DemoCredentials
		headers map[string]string
		base    string
	}{
		{"no demo", nil, nil, "http://velocity.test"},
		{"demo", demo, nil, "http://velocity.test"},
		{"behind proxy", demo, map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "velocity.example.com"}, "https://velocity.example.com"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, web.Handler(web.Options{Demo: tt.demo}), "/simulator/layout.json", tt.headers)
			if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
				t.Fatalf("status %d, type %q", w.Code, w.Header().Get("Content-Type"))
			}
			if strings.Contains(w.Body.String(), web.Placeholder) {
				t.Fatal("placeholder left in layout")
			}
			var v map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v["agent"].(map[string]any)["area"]; !ok {
				t.Fatal("no agent.area")
			}
			ws := widgetsIn(v)
			if len(ws) != 2 {
				t.Fatalf("%d widgets, want 2", len(ws))
			}
			var page, panel int
			for _, wd := range ws {
				if wd["script"] != tt.base+"/assets/callback.js" {
					t.Errorf("script %v", wd["script"])
				}
				p := wd["properties"].(map[string]any)
				if p["callback"] == true {
					page++
				}
				if p["callbackCreate"] == true {
					panel++
				}
				if p["agentId"] != "$STORE.agent.agentId" || p["outdialEp"] != "$STORE.agent.outDialEp" {
					t.Errorf("store bindings changed: %v", p)
				}
				wantKey, wantAuth := "", ""
				if tt.demo != nil {
					wantKey, wantAuth = "velocity-demo-key", base64.StdEncoding.EncodeToString([]byte("demo:demo-password"))
				}
				if p["velocityApiKey"] != wantKey || p["velocityAuth"] != wantAuth {
					t.Errorf("credentials %v / %v", p["velocityApiKey"], p["velocityAuth"])
				}
			}
			if page != 1 || panel != 1 {
				t.Errorf("page %d panel %d", page, panel)
			}
		})
	}
}

func TestLayoutRewriteIsStructural(t *testing.T) {
	t.Parallel()
	out, err := web.Layout([]byte(`{"a":"__VELOCITY__/x","n":16}`), `http://evil"}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("rewritten layout is not JSON: %v\n%s", err, out)
	}
	if v["a"] != `http://evil"}/x` || string(mustJSON(t, v["n"])) != "16" {
		t.Errorf("got %v", v)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCiscoLayout(t *testing.T) {
	t.Parallel()
	w := get(t, web.Handler(web.Options{}), "/simulator/layouts/cisco-demo.json", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	if strings.Contains(w.Body.String(), web.Placeholder) || !strings.Contains(w.Body.String(), "http://velocity.test/assets/callback.js") {
		t.Error("placeholder not replaced")
	}
}

func TestScriptIsServedCompressed(t *testing.T) {
	h := web.Handler(web.Options{})
	get := func(enc, inm string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/assets/callback.js", nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	plain := get("", "")
	gz := get("gzip, deflate, br", "")
	if gz.Header().Get("Content-Encoding") != "gzip" || plain.Header().Get("Content-Encoding") != "" || !strings.Contains(gz.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("encodings: %v / %v", gz.Header(), plain.Header())
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if !bytes.Equal(unzipped, plain.Body.Bytes()) || gz.Body.Len() > plain.Body.Len()/2 {
		t.Fatalf("gzip body: %d bytes for %d", gz.Body.Len(), plain.Body.Len())
	}
	if gz.Header().Get("ETag") == plain.Header().Get("ETag") {
		t.Fatal("both representations share an ETag")
	}
	if get("gzip", gz.Header().Get("ETag")).Code != 304 || get("gzip;q=0", "").Header().Get("Content-Encoding") != "" {
		t.Fatal("revalidation or q=0")
	}
}

// TestWidgetSizeBudget holds the committed widget to issue 9's budget as the server sends
// it: callback.js under 110 KB gzipped. (The budget of the widget's own code, 25 KB
// gzipped without Lit, needs esbuild to measure: `node build.mjs --budget`, run by
// `make widget` and `make widget-check`, holds both.)
func TestWidgetSizeBudget(t *testing.T) {
	t.Parallel()
	const budget = 110 * 1024
	w := get(t, web.Handler(web.Options{}), "/assets/callback.js", map[string]string{"Accept-Encoding": "gzip"})
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("callback.js: %d, %v", w.Code, w.Header())
	}
	if n := w.Body.Len(); n >= budget {
		t.Errorf("callback.js is %.1f KB gzipped, over its budget of %d KB", float64(n)/1024, budget/1024)
	} else {
		t.Logf("callback.js: %.1f KB gzipped (budget %d KB)", float64(n)/1024, budget/1024)
	}
}
