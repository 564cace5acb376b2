package cli

import (
	"errors"
	"net/url"
	"strings"

	"github.com/vetfolio/vetfolio/internal/probe"
)

// parseHTTPURL accepts an absolute http or https URL.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errors.New("not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("must start with http:// or https://")
	}
	if u.Host == "" {
		return nil, errors.New("has no host")
	}
	return u, nil
}

// redactURL hides a password or token in a URL's user information, so an
// error message never echoes a credential.
func redactURL(raw string) string { return probe.RedactURL(raw) }
