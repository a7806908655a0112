//! Calling analytics (R-CQ-01..05). Filled by the calling-quality issue.
