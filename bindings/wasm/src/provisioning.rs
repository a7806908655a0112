//! Provisioning validation (`wholesale_core::provisioning`: R-CUS, R-USR, R-TAG).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::org::{AdminRole, Customer, User};
use wholesale_core::provisioning::{self, NewCustomer};

use crate::package::package_arg;

/// `validateNewCustomer(customer)`: every problem of a new customer
/// (R-CUS-01..03). `customer` is an object or its JSON text.
#[wasm_bindgen(js_name = validateNewCustomer, unchecked_return_type = "Findings")]
pub fn validate_new_customer(
    #[wasm_bindgen(unchecked_param_type = "NewCustomer | string")] customer: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: NewCustomer = json_arg(customer, "customer")?;
    to_js(&customer.validate())
}

/// `validateUser(customer, user, field = "user")`: every problem with adding
/// `user` to `customer` (R-CUS-04, R-CUS-05).
#[wasm_bindgen(js_name = validateUser, unchecked_return_type = "Findings")]
pub fn validate_user(
    #[wasm_bindgen(unchecked_param_type = "CustomerInput | string")] customer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "UserInput")] user: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: Customer = json_arg(customer, "customer")?;
    let user: User = from_js(user, "user")?;
    let field = arg_string_or(&field, "field", "user")?;
    to_js(&provisioning::validate_user(&customer, &user, &field))
}

/// `validateManualBatch(customer, users)`: every problem of a manual batch
/// (R-USR-01, R-CUS-04, R-CUS-05).
#[wasm_bindgen(js_name = validateManualBatch, unchecked_return_type = "Findings")]
pub fn validate_manual_batch(
    #[wasm_bindgen(unchecked_param_type = "CustomerInput | string")] customer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<UserInput>")] users: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: Customer = json_arg(customer, "customer")?;
    let users: Vec<User> = from_js(users, "users")?;
    to_js(&provisioning::validate_manual_batch(&customer, &users))
}

/// `validatePackageChange(customer, user, newPackage)`: every problem with
/// giving `user` the package (R-USR-02, R-CUS-05).
#[wasm_bindgen(js_name = validatePackageChange, unchecked_return_type = "Findings")]
pub fn validate_package_change(
    #[wasm_bindgen(unchecked_param_type = "CustomerInput | string")] customer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "UserInput")] user: JsValue,
    #[wasm_bindgen(js_name = newPackage, unchecked_param_type = "string")] new_package: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: Customer = json_arg(customer, "customer")?;
    let user: User = from_js(user, "user")?;
    let new_package = package_arg(&new_package, "new_package")?;
    to_js(&provisioning::validate_package_change(
        &customer,
        &user,
        &new_package,
    ))
}

/// `checkTagEdit(role)`: `TAG_EDIT_FORBIDDEN` when `role` may not edit
/// custom tags (R-TAG-01), else `null`.
#[wasm_bindgen(js_name = checkTagEdit, unchecked_return_type = "Problem | null")]
pub fn check_tag_edit(
    #[wasm_bindgen(unchecked_param_type = "AdminRole")] role: JsValue,
) -> Result<JsValue, JsValue> {
    let role: AdminRole = from_js(role, "role")?;
    to_js(&provisioning::check_tag_edit(role))
}

/// `checkAdminPackage(customerPackage, adminPackage, field = "package")`:
/// `ADMIN_PACKAGE_DOWNGRADE` or `null` (R-CUS-05). Packages are parsed
/// strictly: an unknown one throws `PACKAGE_UNKNOWN` (field
/// `customer_package` / `admin_package`).
#[wasm_bindgen(js_name = checkAdminPackage, unchecked_return_type = "Problem | null")]
pub fn check_admin_package(
    #[wasm_bindgen(js_name = customerPackage, unchecked_param_type = "string")]
    customer_package: JsValue,
    #[wasm_bindgen(js_name = adminPackage, unchecked_param_type = "string")] admin_package: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let customer = package_arg(&customer_package, "customer_package")?;
    let admin = package_arg(&admin_package, "admin_package")?;
    let field = arg_string_or(&field, "field", "package")?;
    to_js(&provisioning::check_admin_package(
        &customer, &admin, &field,
    ))
}

/// `checkCallingNumber(newPackage, {hasNumber, hasLocation, field = "package"})`:
/// `PACKAGE_CHANGE_NEEDS_NUMBER` or `null` (R-USR-02).
#[wasm_bindgen(js_name = checkCallingNumber, unchecked_return_type = "Problem | null")]
pub fn check_calling_number(
    #[wasm_bindgen(js_name = newPackage, unchecked_param_type = "string")] new_package: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ hasNumber: boolean; hasLocation: boolean; field?: string }"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let package = package_arg(&new_package, "new_package")?;
    let has_number = arg_bool(&option(&options, "options", "hasNumber")?, "has_number")?;
    let has_location = arg_bool(&option(&options, "options", "hasLocation")?, "has_location")?;
    let field = arg_string_or(&option(&options, "options", "field")?, "field", "package")?;
    to_js(&provisioning::check_calling_number(
        &package,
        has_number,
        has_location,
        &field,
    ))
}
