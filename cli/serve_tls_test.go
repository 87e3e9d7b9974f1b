package cli

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files and returns
// their paths and the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "velocity test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	if cert, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile, cert
}

// serve --tls-cert/--tls-key serves HTTPS with that certificate (the Desktop is HTTPS and
// blocks an http:// widget as mixed content); one flag without the other is a usage error.
func TestServeTLS(t *testing.T) {
	certFile, keyFile, cert := selfSigned(t)
	if code, _, errs := run(t, "", "serve", "--tls-cert", certFile); code != 2 || !strings.Contains(errs, "--tls-cert and --tls-key go together") {
		t.Errorf("--tls-cert alone: %d %s", code, errs)
	}
	if code, _, errs := run(t, "", "serve", "--tls-key", keyFile); code != 2 || !strings.Contains(errs, "go together") {
		t.Errorf("--tls-key alone: %d %s", code, errs)
	}
	if code, _, errs := run(t, "", "serve", "--tls-cert", keyFile, "--tls-key", certFile, "--db", filepath.Join(t.TempDir(), "v.db")); code != 2 || !strings.Contains(errs, "--tls-cert/--tls-key") {
		t.Errorf("swapped files: %d %s", code, errs)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	var out, errb bytes.Buffer
	s := &Serve{Env: Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }},
		Ready: func(addr string) { ready <- addr }}
	done := make(chan error, 1)
	go func() {
		done <- s.Run(ctx, []string{"--db", filepath.Join(t.TempDir(), "v.db"), "--addr", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile})
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve ended: %v %s", err, errb.String())
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	resp, err := client.Get("https://" + addr + "/assets/callback.js")
	if err != nil {
		t.Fatalf("HTTPS: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil {
		t.Fatalf("HTTPS: %d %v", resp.StatusCode, resp.TLS)
	}
	if !strings.Contains(errb.String(), "https://"+addr) {
		t.Errorf("the log does not name the https address: %s", errb.String())
	}
	if resp, err := (&http.Client{Timeout: 5 * time.Second}).Get("http://" + addr + "/healthz"); err == nil && resp.StatusCode == 200 {
		t.Error("plain HTTP answered on the TLS port")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}
