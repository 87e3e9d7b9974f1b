package app

import (
	"net/http"
)

// assets returns the handler of the widget's script, logo and simulator.
func assets(demo bool) http.Handler { return nil }

const indexHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Velocity Callbacks</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d1d1d}a{color:#0566d5}code{background:#f2f2f2;padding:0 .25rem;border-radius:3px}</style>
</head><body>
<h1><img src="/logo.svg" alt="" width="32" height="32" style="vertical-align:middle"> Velocity Callbacks</h1>
<p>Callbacks for Webex Contact Center agents: schedule a callback while on a call, and dial the callbacks of your own and your team with one click.</p>
<ul>
<li><a href="/simulator">Desktop simulator</a>: try the two widgets without a Webex tenant.</li>
<li><a href="/api/v1/openapi.json">API description</a> (OpenAPI 3.1).</li>
<li>Widget script: <code>/assets/callback.js</code></li>
<li>Health: <a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a></li>
</ul>
</body></html>
`

func index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte(indexHTML))
}
