package web_test

import (
	"net"
	"net/http"
	"os"
	"testing"
	"time"
)

func TestDevServer(t *testing.T) {
	if os.Getenv("DEV_SERVER") == "" {
		t.Skip()
	}
	s := startServer(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:8799")
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r2 := r.Clone(r.Context())
		u := *r.URL
		u.Scheme, u.Host = "http", s.URL[len("http://"):]
		rp, _ := http.NewRequest(r.Method, u.String(), r.Body)
		_ = rp
		http.Redirect(w, r2, s.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	t.Log(s.URL)
	os.WriteFile("/tmp/devurl", []byte(s.URL), 0o644)
	time.Sleep(50 * time.Minute)
}
