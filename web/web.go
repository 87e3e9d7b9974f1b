// Package web serves the agent widget (/assets/callback.js), the logo, the desktop
// simulator (/simulator) and the supervisor console (/console), all embedded in the
// binary. The TypeScript sources live beside this file (src/, simulator/, console/);
// `make widget` rebuilds the committed bundles in dist/.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

//go:embed dist/callback.js dist/desktop-sdk.js dist/simulator.js dist/console.js dist/console-charts.js static/console.html static/logo.svg static/simulator.html static/simulator.css static/seed-layout.json static/layouts/cisco-demo.json static/index.html
var files embed.FS

// Placeholder stands for the server's base URL in the layouts this package serves.
const Placeholder = "__VELOCITY__"

// DemoCredentials are the API key and account the simulator's default layout carries
// when the server runs with demo data.
type DemoCredentials struct {
	APIKey   string
	Username string
	Password string
}

// Options configures the asset handler.
type Options struct {
	// Demo, when not nil, fills the simulator's default layout with these credentials.
	Demo *DemoCredentials
}

// asset is one embedded file with its validator and, for text worth compressing, its
// gzip form (made once, when the handler is built).
type asset struct {
	body        []byte
	gz          []byte
	contentType string
	etag        string
}

func load(name, contentType string) asset {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("web: missing embedded file " + name + ": " + err.Error())
	}
	sum := sha256.Sum256(b)
	a := asset{body: b, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if len(b) > 1024 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(b)
		_ = zw.Close()
		a.gz = buf.Bytes()
	}
	return a
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// handler serves the embedded assets.
type handler struct {
	opts      Options
	widget    asset
	sdk       asset
	simulator asset
	logo      asset
	page      asset
	css       asset
	seed      []byte
	cisco     []byte
	console   asset
	charts    asset
	shell     asset
}

// Handler serves GET /assets/callback.js, GET /assets/desktop-sdk.js (the Desktop SDK as
// an ES module, which the widget imports inside the Desktop), GET /logo.svg, GET /simulator (and /simulator/),
// the simulator's files under /simulator/, GET /simulator/layout.json (the default layout
// built from the setup guide's two snippets, pointing at the requesting server, with the
// demo credentials when opts.Demo is set) and GET /simulator/layouts/cisco-demo.json
// (Cisco's sample layout with the Velocity widgets added), and the console: GET /console
// (and /console/) its page, /console/console.js its script, /console/charts.js the charts
// its dashboard imports. Every response carries an ETag
// and Cache-Control: no-cache, so browsers revalidate and get 304 when nothing changed.
// CORS is left to the caller's middleware.
func Handler(opts Options) http.Handler {
	h := &handler{
		opts:      opts,
		widget:    load("dist/callback.js", "text/javascript; charset=utf-8"),
		sdk:       load("dist/desktop-sdk.js", "text/javascript; charset=utf-8"),
		simulator: load("dist/simulator.js", "text/javascript; charset=utf-8"),
		logo:      load("static/logo.svg", "image/svg+xml"),
		page:      load("static/simulator.html", "text/html; charset=utf-8"),
		css:       load("static/simulator.css", "text/css; charset=utf-8"),
		console:   load("dist/console.js", "text/javascript; charset=utf-8"),
		charts:    load("dist/console-charts.js", "text/javascript; charset=utf-8"),
		shell:     load("static/console.html", "text/html; charset=utf-8"),
	}
	h.seed = load("static/seed-layout.json", "").body
	h.cisco = load("static/layouts/cisco-demo.json", "").body
	return h
}

// IndexHTML is a small home page that links to the simulator; the server may serve it at /.
func IndexHTML() []byte {
	b, _ := files.ReadFile("static/index.html")
	return b
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/assets/callback.js":
		serve(w, r, h.widget)
	case "/assets/desktop-sdk.js":
		serve(w, r, h.sdk)
	case "/logo.svg":
		serve(w, r, h.logo)
	case "/simulator", "/simulator/", "/simulator/index.html":
		serve(w, r, h.page)
	case "/simulator/simulator.js":
		serve(w, r, h.simulator)
	case "/simulator/simulator.css":
		serve(w, r, h.css)
	case "/simulator/layout.json":
		h.serveLayout(w, r, h.seed, h.opts.Demo)
	case "/simulator/layouts/cisco-demo.json":
		h.serveLayout(w, r, h.cisco, nil)
	case "/console", "/console/":
		// The console runs only its own scripts and is never framed.
		w.Header().Set("Content-Security-Policy", consoleCSP)
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "same-origin")
		serve(w, r, h.shell)
	case "/console/console.js":
		serve(w, r, h.console)
	case "/console/charts.js":
		serve(w, r, h.charts)
	default:
		http.NotFound(w, r)
	}
}

// consoleCSP is the console page's Content-Security-Policy: scripts, data and the event
// stream from this server only; styles may be inline (Lit's and the charts').
const consoleCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func serve(w http.ResponseWriter, r *http.Request, a asset) {
	hd := w.Header()
	hd.Set("Content-Type", a.contentType)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Content-Type-Options", "nosniff")
	body, etag := a.body, a.etag
	if a.gz != nil {
		hd.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			// The compressed form is another representation, with its own validator.
			body, etag = a.gz, strings.TrimSuffix(a.etag, `"`)+`-gz"`
			hd.Set("Content-Encoding", "gzip")
		}
	}
	hd.Set("ETag", etag)
	if match(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// match reports whether an If-None-Match header names etag (or is "*").
func match(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		t = strings.TrimPrefix(t, "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// serveLayout rewrites a layout for the requesting server and serves it.
func (h *handler) serveLayout(w http.ResponseWriter, r *http.Request, src []byte, demo *DemoCredentials) {
	body, err := Layout(src, Origin(r), demo)
	if err != nil {
		http.Error(w, "layout: "+err.Error(), http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(body)
	serve(w, r, asset{body: body, contentType: "application/json; charset=utf-8", etag: `"` + hex.EncodeToString(sum[:12]) + `"`})
}

// Origin returns the scheme and host the request was addressed to, e.g.
// "https://velocity.example.com". Behind a proxy it honours X-Forwarded-Proto (http or
// https only) and X-Forwarded-Host.
func Origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Proto"), ",")[0])); p == "http" || p == "https" {
		scheme = p
	}
	host := r.Host
	if fh := strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Host"), ",")[0]); fh != "" {
		host = fh
	}
	return scheme + "://" + host
}

// Layout returns the desktop layout src with every Placeholder in its string values
// replaced by base, and, when demo is not nil, the velocityApiKey and velocityAuth
// properties of every cdyx-vel-callback widget filled in. The JSON is rewritten
// structurally, so base cannot break it.
func Layout(src []byte, base string, demo *DemoCredentials) ([]byte, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	v = rewrite(v, base, demo)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func rewrite(v any, base string, demo *DemoCredentials) any {
	switch t := v.(type) {
	case string:
		return strings.ReplaceAll(t, Placeholder, base)
	case []any:
		for i := range t {
			t[i] = rewrite(t[i], base, demo)
		}
		return t
	case map[string]any:
		for k, x := range t {
			t[k] = rewrite(x, base, demo)
		}
		if demo != nil && t["comp"] == "cdyx-vel-callback" {
			props, _ := t["properties"].(map[string]any)
			if props == nil {
				props = map[string]any{}
				t["properties"] = props
			}
			props["velocityApiKey"] = demo.APIKey
			props["velocityAuth"] = base64.StdEncoding.EncodeToString([]byte(demo.Username + ":" + demo.Password))
		}
		return t
	}
	return v
}
