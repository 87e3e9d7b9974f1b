package velocity

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// ParsePhone parses raw, written in any common format, as a number of region (an ISO
// 3166 alpha-2 code, used when raw has no +country prefix) and returns it in E.164 with
// the one IANA time zone its prefix maps to ("" when it maps to several or none). A
// number that does not parse, or is not a valid dialable number, is a FieldError.
func ParsePhone(field, raw, region string) (e164, zone string, fe *FieldError) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", "", &FieldError{Field: field, Code: FieldRequired, Message: "is required"}
	}
	if len(raw) > 64 {
		return "", "", &FieldError{Field: field, Code: FieldTooLong, Message: "must be at most 64 characters"}
	}
	num, err := phonenumbers.Parse(raw, strings.ToUpper(region))
	if err != nil {
		return "", "", &FieldError{Field: field, Code: FieldInvalidPhoneNumber, Message: "is not a phone number (" + err.Error() + "); write it in E.164 (+15551234567) or give the country"}
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", "", &FieldError{Field: field, Code: FieldInvalidPhoneNumber, Message: "is not a valid dialable number for " + regionName(num, region)}
	}
	e164 = phonenumbers.Format(num, phonenumbers.E164)
	if zones, err := phonenumbers.GetTimezonesForNumber(num); err == nil && len(zones) == 1 && zones[0] != "Etc/Unknown" {
		zone = zones[0]
	}
	return e164, zone, nil
}

func regionName(num *phonenumbers.PhoneNumber, fallback string) string {
	if r := phonenumbers.GetRegionCodeForNumber(num); r != "" && r != "ZZ" {
		return r
	}
	return strings.ToUpper(fallback)
}

// ValidRegion reports whether code is a region the phone library knows (e.g. "US").
func ValidRegion(code string) bool {
	_, ok := phonenumbers.GetSupportedRegions()[strings.ToUpper(code)]
	return ok
}
