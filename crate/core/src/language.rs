//! The languages the product speaks: the one declaration. The page's
//! catalogues (`www/i18n/`), its language switcher, the column names the
//! files module recognises and the typings' unions all follow this list,
//! and tests fail where one misses a language declared here.

/// A language the product speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// English.
    English,
    /// Spanish.
    Spanish,
    /// French.
    French,
}

impl Language {
    /// Every language, English (the fallback) first.
    pub const ALL: [Language; 3] = [Language::English, Language::Spanish, Language::French];

    /// Its BCP 47 primary subtag: `en`, `es`, `fr`.
    pub const fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
            Language::French => "fr",
        }
    }

    /// Its name in itself, as the language switcher shows it.
    pub const fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Spanish => "Español",
            Language::French => "Français",
        }
    }

    /// The decimal mark it writes numbers with.
    pub const fn decimal_mark(self) -> char {
        match self {
            Language::English => '.',
            Language::Spanish | Language::French => ',',
        }
    }
}
