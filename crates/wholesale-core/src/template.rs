//! Onboarding templates (R-TPL-01..04).
