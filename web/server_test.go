package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/customerdynamics/velocity/app"
)

// testServer is the real product (app, which serves this package's assets) on SQLite
// with the demo tenant.
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
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		_ = a.Close()
	})
	return &testServer{URL: srv.URL, app: a}
}
