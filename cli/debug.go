package cli

import (
	"expvar"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"time"
)

// debugHandler serves GET /debug/vars, read-only: the process's goroutines and its Go
// memory statistics in expvar's JSON format ({"goroutines": N, "memstats": {...}}). It
// is what `velocity bench --soak` samples to see goroutines that do not end; it shows
// nothing else (not expvar's command line, which may hold a database password).
func debugHandler() http.Handler {
	goroutines := expvar.Func(func() any { return runtime.NumGoroutine() })
	memstats := expvar.Get("memstats") // published by package expvar itself
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/vars", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, "{\"goroutines\": %s,\n\"memstats\": %s}\n", goroutines.String(), memstats.String())
	})
	return mux
}

// listenDebug opens serve's --debug-addr listener, which must be on loopback: what it
// shows is for the operator of the machine, never for the network.
func listenDebug(addr string) (net.Listener, *http.Server, error) {
	if ok, err := loopback(addr); err != nil {
		return nil, nil, usageErr("--debug-addr %q: %v", addr, err)
	} else if !ok {
		return nil, nil, usageErr("--debug-addr listens only on loopback (127.0.0.1, ::1, localhost); %q is not", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("listen on --debug-addr %s: %w", addr, err)
	}
	srv := &http.Server{Handler: debugHandler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	return ln, srv, nil
}
