// Package webexid proves who an agent is from the agent's Webex access token: the
// adapter between Velocity's "proven agent identity" and Webex's identity API.
//
// A Client asks Webex who a token belongs to (GET <base>/v1/people/me with the token as
// a bearer token) and answers with the Person, or an error of the root catalogue:
//
//   - invalid_webex_token (401): the token is missing or malformed (Webex is not asked),
//     or Webex answers 401 (unknown, expired or revoked) or 403 (the token cannot read
//     its own person), or the token is a bot's or guest's rather than a person's;
//   - wrong_webex_org (403, from VerifyInOrg): the person belongs to another Webex
//     organization than the tenant's;
//   - forbidden (403, from Person.CheckAgent): the request names another agent than the
//     one the token proves;
//   - identity_unavailable (503): Webex cannot be reached, times out, answers 429, 5xx or
//     anything it should not. The request is refused, never let through unchecked; when
//     Webex sent Retry-After, the error's Extra holds "retryAfterSeconds".
//
// # Caching, and what revocation means
//
// Verified tokens are remembered for Client.TTL (default 5 minutes) under the SHA-256 of
// the token; the token itself is never stored or logged. A token revoked upstream (or
// expired, or whose person left the organization) therefore stops working within TTL:
// until its entry is older than TTL, the Client answers from memory without asking
// Webex. An entry older than TTL is verified again; if Webex cannot answer then, the
// request gets identity_unavailable, not the stale answer. Tokens Webex refused are
// remembered for NegativeTTL (30 s) so that a bad token cannot hammer Webex; other
// failures are not remembered. Concurrent requests with the same token that is not in
// memory share one call to Webex. The memory holds at most MaxEntries tokens (default
// 10,000): when it is full, expired entries go first, then a tenth of the rest at random.
//
// # Which agent ids a person may act as
//
// Public documentation does not settle how the Desktop's agentId ($STORE.agent.agentId)
// relates to the Webex person. Webex Contact Center's agent id is the user's Common
// Identity (CI) user id, a UUID, and the person id that people/me returns is a base64
// resource id whose decoded form is "ciscospark://us/PEOPLE/<that UUID>"; the Desktop
// also knows the agent's e-mail ($STORE.agent.agentEmailId). So that proven identity
// works whichever of these a tenant's agent ids turn out to be, a Person may act as any
// of (Person.AgentIDs):
//
//   - the UUID decoded from the person id, in lower case, compared without regard to
//     case (the Desktop's agentId when it is the CI user id, as expected);
//   - the person id itself, compared exactly (base64 is case-sensitive: a case variant
//     of an id is another string, possibly another person's id);
//   - each of the person's e-mail addresses, in lower case, compared without regard to
//     case (for tenants whose agent ids are e-mails).
//
// None of these can name another person: UUIDs and person ids are unique, and Webex
// verifies the e-mail addresses it returns. The organization is compared by UUID too
// (Person.OrgMatches): an administrator may configure the tenant's org id in the base64
// form people/me returns ("ciscospark://us/ORGANIZATION/<uuid>") or as the bare UUID the
// Desktop shows ($STORE.agent.orgId).
//
// Package webexidtest has a fake of the identity API for tests.
package webexid
