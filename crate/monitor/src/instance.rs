//! An instance's base URL, parsed and normalised, and the only origin its
//! requests may go to. Paths an instance names (the module's, in
//! `/version.json`) are checked before anything is fetched: an absolute
//! path of plain characters on the instance's own origin, nothing else.

use url::Url;

/// A checked base URL: `http` or `https`, a host, no credentials, query or
/// fragment; scheme and host in lower case, the default port dropped, no
/// trailing slash. Two spellings of one instance are one `Instance`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instance {
    url: Url,
}

/// Why a base URL or a path is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    /// Occurs when the text is not a URL at all.
    #[error("{0:?} is not a URL ({1}): expected http://HOST[:PORT] or https://HOST[:PORT]")]
    NotUrl(String, String),
    /// Occurs when the URL is not a plain http(s) base URL.
    #[error("{0:?} is not a base URL: expected http://HOST[:PORT] or https://HOST[:PORT] ({1})")]
    NotBase(String, &'static str),
    /// Occurs when a path an instance names could leave its origin or is
    /// not a plain absolute path.
    #[error("names \"{0}\" as a path, which is not an absolute path of plain characters on this instance (refused, not fetched)")]
    Path(String),
}

impl Instance {
    /// Parses a base URL as an operator gives it.
    pub fn parse(text: &str) -> Result<Instance, InstanceError> {
        let mut url =
            Url::parse(text).map_err(|e| InstanceError::NotUrl(text.to_owned(), e.to_string()))?;
        let refuse = |why| Err(InstanceError::NotBase(text.to_owned(), why));
        if !matches!(url.scheme(), "http" | "https") {
            return refuse("only http and https");
        }
        if url.host().is_none() {
            return refuse("no host");
        }
        if !url.username().is_empty() || url.password().is_some() {
            return refuse("no user name or password in it");
        }
        if url.query().is_some() || url.fragment().is_some() {
            return refuse("no query or fragment");
        }
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
        Ok(Instance { url })
    }

    /// The base URL, normalised: `http://[::1]:8080`, `https://example.org/iris`.
    pub fn as_str(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// The URL of `path` on this instance (its base path first). `path`
    /// must start with one `/` and hold only letters, digits, `-`, `.`,
    /// `_`, `~` and `/`, with no `.` or `..` segment: so it can name
    /// nothing but a file of this instance's site.
    pub fn resolve(&self, path: &str) -> Result<Url, InstanceError> {
        let plain = path.starts_with('/')
            && !path.starts_with("//")
            && path
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b))
            && !path
                .split('/')
                .any(|segment| segment == "." || segment == "..");
        if !plain {
            return Err(InstanceError::Path(path.to_owned()));
        }
        let mut url = self.url.clone();
        url.set_path(&format!("{}{path}", self.url.path().trim_end_matches('/')));
        // set_path cannot change the origin; checked all the same.
        if url.origin() != self.url.origin() {
            return Err(InstanceError::Path(path.to_owned()));
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_instance_are_one() {
        let one = Instance::parse("http://127.0.0.1:8080").expect("parses");
        for other in [
            "HTTP://127.0.0.1:8080/",
            "http://127.0.0.1:8080//",
            "http://127.0.0.1:08080",
        ] {
            assert_eq!(Instance::parse(other), Ok(one.clone()), "{other}");
        }
        assert_eq!(
            Instance::parse("http://Example.ORG:80/")
                .expect("parses")
                .as_str(),
            "http://example.org"
        );
        assert_eq!(
            Instance::parse("https://example.org:443/iris/")
                .expect("parses")
                .as_str(),
            "https://example.org/iris"
        );
        assert_eq!(
            Instance::parse("http://[::1]:8080")
                .expect("parses")
                .as_str(),
            "http://[::1]:8080"
        );
    }

    #[test]
    fn what_is_not_a_base_url_is_refused() {
        for text in [
            "127.0.0.1:8080",
            "ftp://example.org",
            "http://user:pw@example.org",
            "http://example.org/?x=1",
            "http://example.org/#x",
            "file:///etc/passwd",
            "http://",
        ] {
            assert!(Instance::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn paths_stay_on_the_instance() {
        let base = Instance::parse("http://127.0.0.1:8080").expect("parses");
        assert_eq!(
            base.resolve("/assets/public/iris_wasm_bg.0123456789.wasm")
                .expect("plain")
                .as_str(),
            "http://127.0.0.1:8080/assets/public/iris_wasm_bg.0123456789.wasm"
        );
        let prefixed = Instance::parse("https://example.org/iris").expect("parses");
        assert_eq!(
            prefixed.resolve("/healthz").expect("plain").as_str(),
            "https://example.org/iris/healthz"
        );
        for hostile in [
            "@127.0.0.1:18302/ssrf",
            "//evil.example/x",
            "http://evil.example/x",
            "/../../etc/passwd",
            "/assets/./x",
            "/a\u{1b}[31m",
            "/a%2e%2e/x",
            "/a?x",
            "/a#x",
            "/a\\b",
            "relative/x",
            "",
        ] {
            assert!(
                matches!(base.resolve(hostile), Err(InstanceError::Path(_))),
                "{hostile:?}"
            );
        }
    }
}
