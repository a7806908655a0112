//! Provisioning validation (`wholesale_core::provisioning`: R-CUS, R-USR,
//! R-TAG): findings dicts, or a problem dict or `None` for the single-value
//! checks.

use pyo3::prelude::*;
use wholesale_core::org::{AdminRole, Customer, User};
use wholesale_core::provisioning::{self, NewCustomer};

use crate::convert::{arg, json_doc, package, to_py};
use crate::errors::guard;

/// Every problem of a new customer (R-CUS-01..03): a findings dict.
/// `customer` is plain data or a JSON file (`bytes` content, a path).
#[pyfunction]
#[pyo3(signature = (customer: "Union[NewCustomer, FileInput]") -> "Findings")]
fn validate_new_customer<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: NewCustomer = json_doc(customer, "customer")?;
        to_py(py, &customer.validate())
    })
}

/// Every problem with adding `user` to `customer` (R-CUS-04, R-CUS-05);
/// `field` prefixes the user's fields.
#[pyfunction]
#[pyo3(signature = (
    customer: "Union[CustomerInput, FileInput]",
    user: "UserInput",
    field: "str" = "user",
) -> "Findings")]
fn validate_user<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    user: &Bound<'py, PyAny>,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: Customer = json_doc(customer, "customer")?;
        let user: User = arg(user, "user")?;
        to_py(py, &provisioning::validate_user(&customer, &user, field))
    })
}

/// Every problem of a manual batch of users (R-USR-01, R-CUS-04, R-CUS-05).
#[pyfunction]
#[pyo3(signature = (
    customer: "Union[CustomerInput, FileInput]",
    users: "Sequence[UserInput]",
) -> "Findings")]
fn validate_manual_batch<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    users: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: Customer = json_doc(customer, "customer")?;
        let users: Vec<User> = arg(users, "users")?;
        to_py(py, &provisioning::validate_manual_batch(&customer, &users))
    })
}

/// Every problem with giving `user` the package `new_package` (R-USR-02, R-CUS-05).
#[pyfunction]
#[pyo3(signature = (
    customer: "Union[CustomerInput, FileInput]",
    user: "UserInput",
    new_package: "str",
) -> "Findings")]
fn validate_package_change<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    user: &Bound<'py, PyAny>,
    new_package: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: Customer = json_doc(customer, "customer")?;
        let user: User = arg(user, "user")?;
        let new_package = package(py, new_package, "new_package")?;
        to_py(
            py,
            &provisioning::validate_package_change(&customer, &user, &new_package),
        )
    })
}

/// `TAG_EDIT_FORBIDDEN` when `role` may not edit custom tags (R-TAG-01), else `None`.
#[pyfunction]
#[pyo3(signature = (role: "AdminRole") -> "Optional[Problem]")]
fn check_tag_edit<'py>(py: Python<'py>, role: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let role: AdminRole = arg(role, "role")?;
        to_py(py, &provisioning::check_tag_edit(role))
    })
}

/// `ADMIN_PACKAGE_DOWNGRADE` when the full admin would not keep the
/// customer's package (R-CUS-05), else `None`.
#[pyfunction]
#[pyo3(signature = (
    customer_package: "str",
    admin_package: "str",
    field: "str" = "package",
) -> "Optional[Problem]")]
fn check_admin_package<'py>(
    py: Python<'py>,
    customer_package: &str,
    admin_package: &str,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer = package(py, customer_package, "customer_package")?;
        let admin = package(py, admin_package, "admin_package")?;
        to_py(
            py,
            &provisioning::check_admin_package(&customer, &admin, field),
        )
    })
}

/// `PACKAGE_CHANGE_NEEDS_NUMBER` when moving to a calling package without a
/// number or location (R-USR-02), else `None`.
#[pyfunction]
#[pyo3(signature = (
    new_package: "str",
    *,
    has_number: "bool",
    has_location: "bool",
    field: "str" = "package",
) -> "Optional[Problem]")]
fn check_calling_number<'py>(
    py: Python<'py>,
    new_package: &str,
    has_number: bool,
    has_location: bool,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let new_package = package(py, new_package, "new_package")?;
        to_py(
            py,
            &provisioning::check_calling_number(&new_package, has_number, has_location, field),
        )
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate_new_customer, m)?)?;
    m.add_function(wrap_pyfunction!(validate_user, m)?)?;
    m.add_function(wrap_pyfunction!(validate_manual_batch, m)?)?;
    m.add_function(wrap_pyfunction!(validate_package_change, m)?)?;
    m.add_function(wrap_pyfunction!(check_tag_edit, m)?)?;
    m.add_function(wrap_pyfunction!(check_admin_package, m)?)?;
    m.add_function(wrap_pyfunction!(check_calling_number, m)?)?;
    Ok(())
}
