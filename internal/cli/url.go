package cli

import (
	"errors"
	"net/url"
	"strings"
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
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		if i := strings.Index(raw, "@"); i >= 0 && strings.Contains(raw[:i], "://") {
			return raw[:strings.Index(raw, "://")+3] + "***@" + raw[i+1:]
		}
		return raw
	}
	u.User = url.User("***")
	return u.String()
}
