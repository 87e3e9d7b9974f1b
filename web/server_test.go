package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/web"
)

// testServer is the real product on SQLite with the demo tenant, plus this package's
// assets (mounted here too, so the tests do not depend on how app wires them).
type testServer struct {
	URL string
	app *app.App
}

func startServer(t testing.TB) *testServer {
	t.Helper()
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{
		DB:     filepath.Join(t.TempDir(), "v.db"),
		Demo:   true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	assets := web.Handler(web.Options{Demo: &web.DemoCredentials{APIKey: app.DemoAPIKey, Username: app.DemoUsername, Password: app.DemoPassword}})
	mux := http.NewServeMux()
	for _, p := range []string{"GET /assets/", "GET /logo.svg", "GET /simulator", "GET /simulator/"} {
		mux.Handle(p, assets)
	}
	mux.Handle("/", a.Handler())
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		_ = a.Close()
	})
	return &testServer{URL: srv.URL, app: a}
}
