package webhook

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"

	"github.com/customerdynamics/velocity"
)

// BlockedError is a connection refused because its address is one webhooks may not
// reach (velocity.BlockedAddress).
type BlockedError struct {
	Addr   netip.Addr
	Reason string
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("refused to connect to %s: %s (the server's --webhook-allow-private lifts this)", e.Addr, e.Reason)
}

// guard is a net.Dialer Control function: it runs for every address a dial tries, after
// the name was resolved, so a DNS answer that changes after the URL was checked is
// judged by the address actually connected to.
func guard(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return &BlockedError{Reason: "not an IP address"}
	}
	if reason, blocked := velocity.BlockedAddress(ip); blocked {
		return &BlockedError{Addr: ip, Reason: reason}
	}
	return nil
}

// NewClient returns the HTTP client deliveries are sent with: each request done within
// timeout (connecting, TLS and the response headers within it too), no proxy from the
// environment, no redirects followed (a 3xx answer is a failed attempt), perHost idle
// connections kept per host, and, unless allowPrivate, no connection to a loopback,
// private, link-local or metadata address. It sets no limit on connections per host:
// the Deliverer bounds its senders per endpoint, and two endpoints on one host must not
// wait for each other.
func NewClient(timeout time.Duration, perHost int, allowPrivate bool) *http.Client {
	d := &net.Dialer{Timeout: min(timeout, 5*time.Second), KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = guard
	}
	t := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   min(timeout, 5*time.Second),
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   perHost,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{Transport: t, Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
