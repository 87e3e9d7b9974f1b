package web_test

import (
	"testing"
	"time"
)

func TestDebugSim(t *testing.T) {
	srv := startServer(t)
	br := newBrowser(t)
	p := br.tab("dbg", srv.URL+"/simulator?agent=agent-1&team=team-1")
	t.Log(eval[int](p, "1+1"))
	t.Log(eval[string](p, "document.readyState + ' ' + typeof velocitySimulator"))
	time.Sleep(2 * time.Second)
	t.Log(eval[string](p, "document.readyState + ' ' + typeof velocitySimulator + ' ' + (window.velocitySimulator ? velocitySimulator.widgets.length : -1)"))
	t.Log(eval[bool](p, "new Promise(r => setTimeout(() => r(true), 100))"))
}
