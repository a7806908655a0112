//! Bulk user CSV import (R-CSV-01..20): parse, validate and plan a Control Hub
//! "CSV add or modify" import offline. Filled by the CSV import issue.
