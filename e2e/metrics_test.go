package e2e_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestMetricsListeners: `velocity serve --metrics-addr` serves /metrics on a listener of
// its own, without credentials, and not on the API's; --metrics-token-file serves it on
// the API's listener too, to requests with the token. Both parse as Prometheus text.
func TestMetricsListeners(t *testing.T) {
	bin := build(t)
	db := filepath.Join(t.TempDir(), "v.db")
	cli(t, bin, db, "", nil, "migrate")
	// The API's address and the metrics' differ: chosen together.
	addrs := freeAddrs(t, 2)
	maddr := addrs[1]
	s := serve(t, bin, db, "--addr", addrs[0], "--metrics-addr", maddr)
	get := func(url, token string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	parse := func(body string) {
		t.Helper()
		p := expfmt.NewTextParser(model.UTF8Validation)
		fams, err := p.TextToMetricFamilies(strings.NewReader(body))
		if err != nil || fams["velocity_callbacks_open"] == nil || fams["go_goroutines"] == nil || fams["velocity_http_requests_total"] == nil {
			t.Fatalf("metrics: %v\n%s", err, body)
		}
	}
	get(s+"/healthz", "")
	status, body := get("http://"+maddr+"/metrics", "")
	if status != 200 {
		t.Fatalf("metrics listener: %d", status)
	}
	parse(body)
	if status, _ := get(s+"/metrics", ""); status != 404 {
		t.Fatalf("the API's listener serves metrics without a token configured: %d", status)
	}
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("a-long-metrics-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s2 := serve(t, bin, db, "--metrics-token-file", tokenFile)
	if status, _ := get(s2+"/metrics", ""); status != 401 {
		t.Fatalf("without the token: %d", status)
	}
	status, body = get(s2+"/metrics", "a-long-metrics-token")
	if status != 200 {
		t.Fatalf("with the token: %d", status)
	}
	parse(body)
}
