//! Choosing rows of a plan to show (R-CSV-20): a page or a script lists the
//! rows of one action, code, column or e-mail without converting every row
//! first, and fills its filter menus from what the plan holds.

use serde::{Deserialize, Serialize};

use super::{Action, ImportPlan, RowOutcome};
use crate::codes::Code;

/// Which rows [`ImportPlan::select`] keeps: every criterion given must hold
/// (an empty query keeps every row).
///
/// ```
/// use wholesale_core::csv_import::{check_bytes, Action, ImportOptions, RowQuery};
///
/// let csv = "User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n\
///            Ana@Acme.example,TRUE,acme.webex.com,FALSE,FALSE\n\
///            bob@acme.example,TRUE,,FALSE,FALSE\n\
///            not-an-email,TRUE,acme.webex.com,FALSE,FALSE\n";
/// let plan = check_bytes(csv.as_bytes(), &ImportOptions::default());
/// let rejected = RowQuery { action: Some(Action::Rejected), ..RowQuery::default() };
/// assert_eq!(plan.select(&rejected), [2]);
/// let ana = RowQuery { email: Some("ANA@".into()), ..RowQuery::default() };
/// assert_eq!(plan.select(&ana), [0]);
/// let site = RowQuery { column: Some("Preferred Webex Site".into()), ..RowQuery::default() };
/// assert_eq!(plan.select(&site), [1]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowQuery {
    /// The row's action.
    #[serde(default)]
    pub action: Option<Action>,
    /// A code among the row's errors or warnings.
    #[serde(default)]
    pub code: Option<Code>,
    /// The column (the header cell as written) of one of the row's errors
    /// or warnings.
    #[serde(default)]
    pub column: Option<String>,
    /// Part of the row's e-mail as the plan holds it, in any case.
    #[serde(default)]
    pub email: Option<String>,
}

/// How many rows have one action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActionFacet {
    /// The action.
    pub action: Action,
    /// The rows with it.
    pub rows: usize,
}

/// How many rows have a problem with one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CodeFacet {
    /// The code.
    pub code: Code,
    /// The rows with at least one error or warning of that code.
    pub rows: usize,
}

/// How many rows have a problem about one column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ColumnFacet {
    /// The column, as written in the header.
    pub column: String,
    /// The rows with at least one error or warning about it.
    pub rows: usize,
}

/// The values a [`RowQuery`] can ask for in this plan, with their row
/// counts: the choices of a page's filter menus. Actions in the order of
/// [`Action`]; codes and columns the most frequent first (ties: codes in the
/// registry's order, columns by name). Only values some row has are listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanFacets {
    /// The actions of the rows.
    pub actions: Vec<ActionFacet>,
    /// The codes of the rows' problems.
    pub codes: Vec<CodeFacet>,
    /// The columns of the rows' problems.
    pub columns: Vec<ColumnFacet>,
}

const ACTIONS: [Action; 6] = [
    Action::Add,
    Action::Modify,
    Action::ChangePackage,
    Action::Remove,
    Action::NoChange,
    Action::Rejected,
];

impl RowQuery {
    /// Whether `row` meets every criterion given.
    pub fn matches(&self, row: &RowOutcome) -> bool {
        self.matcher().matches(row)
    }

    fn matcher(&self) -> Matcher<'_> {
        Matcher {
            query: self,
            email: self.email.as_deref().map(str::to_lowercase),
        }
    }
}

/// A query with its e-mail lowered once, not once per row.
struct Matcher<'q> {
    query: &'q RowQuery,
    email: Option<String>,
}

impl Matcher<'_> {
    fn matches(&self, row: &RowOutcome) -> bool {
        let q = self.query;
        let mut problems = row.errors.iter().chain(&row.warnings);
        q.action.map_or(true, |action| row.action == action)
            && q.code
                .map_or(true, |code| problems.clone().any(|p| p.code == code))
            && q.column.as_deref().map_or(true, |column| {
                problems.any(|p| p.field.as_deref() == Some(column))
            })
            && self
                .email
                .as_deref()
                .map_or(true, |part| contains_lowered(&row.email, part))
    }
}

/// Whether `text`, lowered, contains `part` (already lowered); no allocation
/// for ASCII e-mails, which most are.
fn contains_lowered(text: &str, part: &str) -> bool {
    if text.is_ascii() && part.is_ascii() {
        let (text, part) = (text.as_bytes(), part.as_bytes());
        part.is_empty()
            || text.windows(part.len()).any(|w| {
                w.iter()
                    .zip(part)
                    .all(|(a, b)| a.to_ascii_lowercase() == *b)
            })
    } else {
        text.to_lowercase().contains(part)
    }
}

impl ImportPlan {
    /// R-CSV-20: the indices (into `rows`, ascending) of the rows `query`
    /// keeps; see [`RowQuery`] for an example.
    pub fn select(&self, query: &RowQuery) -> Vec<usize> {
        let matcher = query.matcher();
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| matcher.matches(row))
            .map(|(i, _)| i)
            .collect()
    }

    /// R-CSV-20: the actions, codes and columns present in the rows, with
    /// how many rows have each (see [`PlanFacets`]).
    ///
    /// ```
    /// use wholesale_core::csv_import::{check_bytes, Action, ImportOptions};
    ///
    /// let csv = b"User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n\
    ///             ana@acme.example,TRUE,acme.webex.com,FALSE,FALSE\n\
    ///             bob@acme.example,TRUE,,FALSE,FALSE\n\
    ///             not-an-email,TRUE,acme.webex.com,FALSE,FALSE\n";
    /// let facets = check_bytes(csv, &ImportOptions::default()).facets();
    /// let actions: Vec<_> = facets.actions.iter().map(|f| (f.action, f.rows)).collect();
    /// assert_eq!(actions, [(Action::Add, 2), (Action::Rejected, 1)]);
    /// assert_eq!(facets.columns[0].column, "Preferred Webex Site");
    /// ```
    pub fn facets(&self) -> PlanFacets {
        let mut actions = [0usize; ACTIONS.len()];
        let mut codes: Vec<CodeFacet> = Vec::new();
        let mut columns: Vec<ColumnFacet> = Vec::new();
        let mut row_codes: Vec<Code> = Vec::new();
        let mut row_columns: Vec<&str> = Vec::new();
        for row in &self.rows {
            if let Some(slot) = ACTIONS.iter().position(|a| *a == row.action) {
                actions[slot] += 1;
            }
            row_codes.clear();
            row_columns.clear();
            for problem in row.errors.iter().chain(&row.warnings) {
                if !row_codes.contains(&problem.code) {
                    row_codes.push(problem.code);
                }
                if let Some(field) = problem.field.as_deref() {
                    if !row_columns.contains(&field) {
                        row_columns.push(field);
                    }
                }
            }
            for code in &row_codes {
                match codes.iter_mut().find(|f| f.code == *code) {
                    Some(facet) => facet.rows += 1,
                    None => codes.push(CodeFacet {
                        code: *code,
                        rows: 1,
                    }),
                }
            }
            for column in &row_columns {
                match columns.iter_mut().find(|f| f.column == *column) {
                    Some(facet) => facet.rows += 1,
                    None => columns.push(ColumnFacet {
                        column: (*column).to_owned(),
                        rows: 1,
                    }),
                }
            }
        }
        codes.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.code.cmp(&b.code)));
        columns.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.column.cmp(&b.column)));
        PlanFacets {
            actions: ACTIONS
                .iter()
                .zip(actions)
                .filter(|(_, rows)| *rows > 0)
                .map(|(action, rows)| ActionFacet {
                    action: *action,
                    rows,
                })
                .collect(),
            codes,
            columns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_import::{check_bytes, ImportBehavior, ImportOptions, OrgSnapshot};

    const CSV: &str = "User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams,Department\n\
        ana@acme.example,TRUE,acme.webex.com,FALSE,FALSE,x\n\
        BOB@Acme.Example,TRUE,,FALSE,FALSE,x\n\
        not-an-email,TRUE,,FALSE,FALSE,x\n\
        cy@acme.example,FALSE,,FALSE,FALSE,x\n\
        \u{c9}lodie@acme.example,TRUE,acme.webex.com,FALSE,FALSE,x\n";

    fn plan() -> ImportPlan {
        let org = OrgSnapshot::from_json(
            r#"{"users": [{"email": "cy@acme.example", "package": "webex_meetings"}]}"#,
        )
        .unwrap();
        let options = ImportOptions::default()
            .with_behavior(ImportBehavior::AddAndRemove)
            .with_org(org);
        check_bytes(CSV.as_bytes(), &options)
    }

    /// The rows a plain filter over every row keeps, to compare with `select`.
    fn by_hand(plan: &ImportPlan, keep: impl Fn(&RowOutcome) -> bool) -> Vec<usize> {
        (0..plan.rows.len())
            .filter(|i| keep(&plan.rows[*i]))
            .collect()
    }

    #[test]
    fn r_csv_20_empty_query_keeps_every_row() {
        let plan = plan();
        assert_eq!(plan.select(&RowQuery::default()), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn r_csv_20_select_by_action() {
        let plan = plan();
        for action in ACTIONS {
            let query = RowQuery {
                action: Some(action),
                ..RowQuery::default()
            };
            assert_eq!(
                plan.select(&query),
                by_hand(&plan, |r| r.action == action),
                "{action:?}"
            );
        }
        let removed = RowQuery {
            action: Some(Action::Remove),
            ..RowQuery::default()
        };
        assert_eq!(plan.select(&removed), [3]);
    }

    #[test]
    fn r_csv_20_select_by_code_looks_at_errors_and_warnings() {
        let plan = plan();
        let codes: Vec<Code> = plan
            .rows
            .iter()
            .flat_map(|r| r.errors.iter().chain(&r.warnings).map(|p| p.code))
            .collect();
        assert!(codes.contains(&Code::EmailInvalid));
        for code in codes {
            let query = RowQuery {
                code: Some(code),
                ..RowQuery::default()
            };
            let expected = by_hand(&plan, |r| {
                r.errors.iter().chain(&r.warnings).any(|p| p.code == code)
            });
            assert!(!expected.is_empty());
            assert_eq!(plan.select(&query), expected, "{code:?}");
        }
    }

    #[test]
    fn r_csv_20_select_by_column_and_combined() {
        let plan = plan();
        let site = RowQuery {
            column: Some("Preferred Webex Site".into()),
            ..RowQuery::default()
        };
        let expected = by_hand(&plan, |r| {
            r.errors
                .iter()
                .chain(&r.warnings)
                .any(|p| p.field.as_deref() == Some("Preferred Webex Site"))
        });
        assert!(!expected.is_empty());
        assert_eq!(plan.select(&site), expected);
        let both = RowQuery {
            email: Some("acme".into()),
            ..site.clone()
        };
        assert_eq!(plan.select(&both), [1], "not-an-email has no acme");
        let none = RowQuery {
            column: Some("preferred webex site".into()),
            ..RowQuery::default()
        };
        assert!(plan.select(&none).is_empty(), "columns match as written");
    }

    #[test]
    fn r_csv_20_email_search_is_a_case_insensitive_substring() {
        let plan = plan();
        let search = |part: &str| {
            plan.select(&RowQuery {
                email: Some(part.into()),
                ..RowQuery::default()
            })
        };
        assert_eq!(search("bob@acme"), [1]);
        assert_eq!(search("ACME.EXAMPLE"), [0, 1, 3, 4]);
        assert_eq!(search("\u{e9}LODIE"), [4], "beyond ASCII too");
        assert_eq!(search(""), [0, 1, 2, 3, 4]);
        assert!(search("zzz").is_empty());
        assert!(search("ana@acme.example.org").is_empty());
    }

    #[test]
    fn r_csv_20_facets_count_rows_per_value() {
        let plan = plan();
        let facets = plan.facets();
        for facet in &facets.actions {
            assert_eq!(
                facet.rows,
                plan.rows
                    .iter()
                    .filter(|r| r.action == facet.action)
                    .count()
            );
        }
        let listed: usize = facets.actions.iter().map(|f| f.rows).sum();
        assert_eq!(listed, plan.rows.len());
        for facet in &facets.codes {
            let query = RowQuery {
                code: Some(facet.code),
                ..RowQuery::default()
            };
            assert_eq!(facet.rows, plan.select(&query).len());
        }
        for facet in &facets.columns {
            let query = RowQuery {
                column: Some(facet.column.clone()),
                ..RowQuery::default()
            };
            assert_eq!(facet.rows, plan.select(&query).len());
        }
        assert!(facets.codes.windows(2).all(|w| w[0].rows >= w[1].rows));
        assert!(facets.columns.windows(2).all(|w| w[0].rows >= w[1].rows));
        assert!(!facets.codes.is_empty() && !facets.columns.is_empty());
    }

    #[test]
    fn r_csv_20_query_refuses_unknown_keys_and_codes() {
        let ok: RowQuery =
            serde_json::from_str(r#"{"action": "rejected", "code": "EMAIL_INVALID"}"#).unwrap();
        assert_eq!(ok.code, Some(Code::EmailInvalid));
        assert!(serde_json::from_str::<RowQuery>(r#"{"acton": "add"}"#).is_err());
        assert!(serde_json::from_str::<RowQuery>(r#"{"code": "NOPE"}"#).is_err());
        assert!(serde_json::from_str::<RowQuery>(r#"{"action": "delete"}"#).is_err());
    }
}
