package velocity

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"strconv"
	"strings"
)

// PasswordIterations is the PBKDF2-HMAC-SHA256 work factor for new password hashes
// (OWASP's 2023 recommendation).
const PasswordIterations = 600_000

// HashPassword returns an encoded salted PBKDF2-HMAC-SHA256 hash of password:
// "pbkdf2-sha256$ITER$SALT$HASH" with SALT and HASH in unpadded base64.
func HashPassword(password string) (string, error) {
	return HashPasswordCost(password, PasswordIterations)
}

// HashPasswordCost is HashPassword with a chosen iteration count (at least 1; tests use a
// low one). CheckPassword reads the count from the hash.
func HashPasswordCost(password string, iter int) (string, error) {
	if iter < 1 {
		iter = PasswordIterations
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := pbkdf2.Key(sha256.New, password, salt, iter, 32)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return "pbkdf2-sha256$" + strconv.Itoa(iter) + "$" + enc.EncodeToString(salt) + "$" + enc.EncodeToString(key), nil
}

// CheckPassword reports whether password matches an encoded hash from HashPassword, in
// time that does not depend on where they differ.
func CheckPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return false
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < 1 || iter > 10_000_000 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[2])
	want, err2 := enc.DecodeString(parts[3])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, password, salt, iter, len(want))
	return err == nil && subtle.ConstantTimeCompare(got, want) == 1
}

// NewSecret returns n random bytes.
func NewSecret(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

var keyEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewAPIKey returns a new random API key ("vel_" and 52 base32 characters, 256 bits) and
// the record to store for it (without ID, tenant and times).
func NewAPIKey() (key string, rec APIKey) {
	key = "vel_" + strings.ToLower(keyEncoding.EncodeToString(NewSecret(32)))
	return key, APIKey{Prefix: KeyPrefix(key), Hash: HashAPIKey(key)}
}

// NewPassword returns a random password of 24 characters for generated accounts.
func NewPassword() string {
	return strings.ToLower(keyEncoding.EncodeToString(NewSecret(15)))
}

// HashAPIKey returns the SHA-256 of an API key. Keys are random and long, so a fast hash
// is safe here (unlike for passwords).
func HashAPIKey(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	return sum[:]
}

// KeyPrefix is the part of a key safe to show and log and to name it by: its first 12
// characters ("vel_" and 40 random bits, so that two keys of a tenant practically never
// share one).
func KeyPrefix(key string) string {
	if len(key) > 12 {
		return key[:12]
	}
	return key
}

// StreamToken is what a short-lived event-stream token grants: the tenant's events
// visible to one agent of one team, until Expires (Unix seconds).
type StreamToken struct {
	TenantID string
	AgentID  string
	TeamID   string
	Expires  int64
}

// ErrBadStreamToken is returned for a stream token that is malformed, forged or expired.
var ErrBadStreamToken = NewError(CodeInvalidStreamToken, "The event-stream token is invalid or expired; request a new one from POST /api/v1/events/token.")

// Sign returns the token's text form, signed with secret (HMAC-SHA256).
func (t StreamToken) Sign(secret []byte) string {
	payload := base64.RawURLEncoding.EncodeToString([]byte(t.TenantID + "\x00" + t.AgentID + "\x00" + t.TeamID + "\x00" + strconv.FormatInt(t.Expires, 10)))
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(payload))
	return payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// CheckStreamScope validates the agent and team an event-stream token is asked for by
// the rules of every other agent and team id: at most MaxIDLen characters of text
// (too_long, invalid_text); either may be empty.
func CheckStreamScope(agentID, teamID string) error {
	var c checker
	c.text("agentId", agentID, MaxIDLen, false)
	c.text("teamId", teamID, MaxIDLen, false)
	return c.err()
}

// ParseStreamToken verifies a token made by Sign and returns it if it has not expired at
// nowUnix.
func ParseStreamToken(text string, secret []byte, nowUnix int64) (StreamToken, error) {
	payload, sig, ok := strings.Cut(text, ".")
	if !ok {
		return StreamToken{}, ErrBadStreamToken
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(payload))
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		return StreamToken{}, ErrBadStreamToken
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return StreamToken{}, ErrBadStreamToken
	}
	f := strings.Split(string(raw), "\x00")
	if len(f) != 4 {
		return StreamToken{}, ErrBadStreamToken
	}
	exp, err := strconv.ParseInt(f[3], 10, 64)
	if err != nil || exp < nowUnix {
		return StreamToken{}, ErrBadStreamToken
	}
	return StreamToken{TenantID: f[0], AgentID: f[1], TeamID: f[2], Expires: exp}, nil
}

// BasicAuth returns the velocityAuth value of a desktop layout for an account: base64 of
// "username:password", as HTTP Basic authentication sends it.
func BasicAuth(username, password string) string {
	return base64.StdEncoding.EncodeToString([]byte(username + ":" + password))
}
