//! Provisioning rules for customers and users (R-CUS, R-USR, R-TAG).
