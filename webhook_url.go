package velocity

import (
	"crypto/rand"
	"encoding/base64"
	"net/netip"
	"net/url"
	"strings"
)

// WebhookSecretPrefix starts every webhook signing secret (Standard Webhooks): the rest
// is the key in base64.
const WebhookSecretPrefix = "whsec_"

// NewWebhookSecret returns a new signing secret: "whsec_" and 32 random bytes in base64.
func NewWebhookSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return WebhookSecretPrefix + base64.StdEncoding.EncodeToString(b[:])
}

// Addresses no webhook may reach unless the server allows private targets: besides the
// loopback, private, link-local (which holds 169.254.169.254, the cloud metadata
// service), unspecified and multicast ranges, these.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),          // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),      // carrier-grade NAT (and Alibaba's metadata, 100.100.100.200)
	netip.MustParsePrefix("192.0.0.0/24"),       // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),      // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),        // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b::/96"),       // NAT64, which can reach IPv4 inside
	netip.MustParsePrefix("64:ff9b:1::/48"),     // local-use NAT64
	netip.MustParsePrefix("fd00:ec2::254/128"),  // AWS's IPv6 metadata service (in fc00::/7 too)
	netip.MustParsePrefix("2001:db8::/32"),      // documentation
	netip.MustParsePrefix("::ffff:0:0:0/96"),    // IPv4-translated
	netip.MustParsePrefix("100::/64"),           // discard-only
	netip.MustParsePrefix("2002::/16"),          // 6to4, which embeds an IPv4 address
	netip.MustParsePrefix("2001::/32"),          // Teredo, likewise
	netip.MustParsePrefix("169.254.169.254/32"), // the metadata service, named for the message
}

// BlockedAddress reports whether a webhook must not connect to ip, and why: loopback,
// private, link-local and metadata addresses, and other ranges that do not lead to a
// public server. IPv4 addresses written as IPv6 are judged as IPv4.
func BlockedAddress(ip netip.Addr) (reason string, blocked bool) {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return "not an IP address", true
	case ip.IsLoopback():
		return "a loopback address", true
	case ip.IsUnspecified():
		return "an unspecified address", true
	case ip.IsPrivate():
		return "a private address", true
	case ip == netip.MustParseAddr("169.254.169.254") || ip == netip.MustParseAddr("fd00:ec2::254"):
		return "the cloud metadata address", true
	case ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast():
		return "a link-local address", true
	case ip.IsMulticast() || ip.IsInterfaceLocalMulticast():
		return "a multicast address", true
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return "a reserved address", true
		}
	}
	return "", false
}

// MaxWebhookURLLen is the longest webhook URL accepted.
const MaxWebhookURLLen = 2048

// CheckWebhookURL validates an endpoint's URL: absolute, https (http too when
// allowPrivate), a host, no credentials or fragment, and not a loopback, private,
// link-local or metadata IP address (unless allowPrivate). Host names are checked when a
// delivery connects, against every address they resolve to then.
func CheckWebhookURL(field, raw string, allowPrivate bool) error {
	var c checker
	c.text(field, raw, MaxWebhookURLLen, true)
	if err := c.err(); err != nil {
		return err
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "" {
		return ValidationError(FieldError{Field: field, Code: FieldInvalidURL, Message: "must be an absolute URL such as https://hooks.example.com/velocity"})
	}
	if u.User != nil || u.Fragment != "" {
		return ValidationError(FieldError{Field: field, Code: FieldInvalidURL, Message: "must not hold credentials or a #fragment"})
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && allowPrivate:
	case u.Scheme == "http":
		return ValidationError(FieldError{Field: field, Code: FieldInsecureURL, Message: "must use https (plain http needs the server's --webhook-allow-private)"})
	default:
		return ValidationError(FieldError{Field: field, Code: FieldInvalidURL, Message: "must be an https URL"})
	}
	if allowPrivate {
		return nil
	}
	if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil {
		if reason, blocked := BlockedAddress(ip); blocked {
			return ValidationError(FieldError{Field: field, Code: FieldBlockedAddress,
				Message: "names " + reason + "; webhooks go to public servers (the server's --webhook-allow-private lifts this)"})
		}
	}
	return nil
}
