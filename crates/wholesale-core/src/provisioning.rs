//! Provisioning rules for customers and users (R-CUS, R-USR, R-TAG).

use crate::codes::Code;
use crate::package::Package;
use crate::problem::Problem;

/// R-CUS-05: the customer's full admin must hold the package the customer was
/// created with; any other package is a downgrade Control Hub does not
/// support. Returns `ADMIN_PACKAGE_DOWNGRADE` about `field` when violated.
///
/// ```
/// use wholesale_core::package::Package;
/// use wholesale_core::provisioning::check_admin_package;
///
/// assert!(check_admin_package(&Package::WebexSuite, &Package::WebexSuite, "package").is_none());
/// let problem = check_admin_package(&Package::WebexSuite, &Package::WebexCalling, "package").unwrap();
/// assert_eq!(problem.code.as_str(), "ADMIN_PACKAGE_DOWNGRADE");
/// ```
pub fn check_admin_package(
    customer_package: &Package,
    admin_package: &Package,
    field: &str,
) -> Option<Problem> {
    (customer_package != admin_package).then(|| {
        Problem::new(
            Code::AdminPackageDowngrade,
            field,
            format!(
                "the customer's full admin must keep {customer_package} (the package the customer was created with); \
                 {admin_package} would be a downgrade, which is not supported: give this package to another user"
            ),
        )
    })
}

/// R-USR-02: moving a user to a calling package (one that needs a number, see
/// [`Package::requires_number_and_location`]) needs a phone number or an
/// extension, and a location. Returns `PACKAGE_CHANGE_NEEDS_NUMBER` about
/// `field` when either is missing.
///
/// ```
/// use wholesale_core::package::Package;
/// use wholesale_core::provisioning::check_calling_number;
///
/// assert!(check_calling_number(&Package::WebexSuite, true, true, "package").is_none());
/// assert!(check_calling_number(&Package::WebexMeetings, false, false, "package").is_none());
/// assert!(check_calling_number(&Package::WebexCalling, true, false, "package").is_some());
/// ```
pub fn check_calling_number(
    new_package: &Package,
    has_number: bool,
    has_location: bool,
    field: &str,
) -> Option<Problem> {
    if !new_package.requires_number_and_location() || (has_number && has_location) {
        return None;
    }
    let missing = match (has_number, has_location) {
        (false, false) => "a phone number or extension, and a location",
        (false, true) => "a phone number or extension",
        _ => "a location",
    };
    Some(Problem::new(
        Code::PackageChangeNeedsNumber,
        field,
        format!("changing to {new_package} needs the calling number information: add {missing}"),
    ))
}
