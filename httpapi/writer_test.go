package httpapi

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestLastResortsAreProblems checks the two 500s that no handler chooses: a panic and a
// response that cannot be encoded are internal problems written (and logged, with the
// cause) by writeError.
func TestLastResortsAreProblems(t *testing.T) {
	var logs strings.Builder
	s := &Server{logger: slog.New(slog.NewTextHandler(&logs, nil))}
	for name, h := range map[string]http.Handler{
		"panic": s.recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })),
		"unencodable": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.writeJSON(w, r, http.StatusOK, map[string]any{"c": make(chan int)})
		}),
	} {
		logs.Reset()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/me", nil))
		var body map[string]any
		_ = json.Unmarshal(w.Body.Bytes(), &body)
		if w.Code != 500 || w.Header().Get("Content-Type") != "application/problem+json" || body["code"] != "internal" || body["status"] != float64(500) {
			t.Errorf("%s: %d %v %s", name, w.Code, w.Header(), w.Body)
		}
		if !strings.Contains(logs.String(), "request failed") || !strings.Contains(logs.String(), "code=internal") ||
			(name == "panic" && !strings.Contains(logs.String(), "boom")) {
			t.Errorf("%s: not logged: %s", name, logs.String())
		}
	}
}
