package app

import (
	"net/http"

	"github.com/customerdynamics/velocity/web"
)

// assets returns the handler of the widget's script, logo and simulator; with demo data
// the simulator's default layout carries the demo credentials.
func assets(demo bool) http.Handler {
	opts := web.Options{}
	if demo {
		opts.Demo = &web.DemoCredentials{APIKey: DemoAPIKey, Username: DemoUsername, Password: DemoPassword}
	}
	return web.Handler(opts)
}

var indexPage = web.IndexHTML()

func index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(indexPage)
}
