//! License KPIs (R-KPI-01..11). Filled by the analytics issue.
