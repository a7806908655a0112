//! Times `csv_import::check_bytes` on a 20,000-row Control Hub-style file
//! checked against a 5,000-user org snapshot (R-CSV-04's maximum).
//!
//! ```sh
//! cargo run --release -p wholesale-core --example csv_check_20k
//! ```

use std::time::{Duration, Instant};

use wholesale_core::csv_import::{check_bytes, ImportOptions, OrgSnapshot, MAX_DATA_ROWS};

fn main() {
    let mut csv = String::from(
        "User ID/Email (Required),First Name,Last Name,Display Name,Phone Number,Extension,Location,\
         Preferred Webex Site,Jabber Calling,Jabber with Webex Teams,Basic Messaging,Basic Space Meetings,\
         Call on Webex,Webex Calling [Sub1],Webex Suite [Sub1],Webex Meetings [acme.webex.com],Webex Voice [Sub1],Department\n",
    );
    for i in 0..MAX_DATA_ROWS {
        let (calling, suite, meetings) = match i % 3 {
            0 => ("TRUE", "", ""),
            1 => ("", "TRUE", ""),
            _ => ("", "", "TRUE"),
        };
        csv.push_str(&format!(
            "user{i}@acme.example,First{i},Last{i},First{i} Last{i},+1408{i:07},{ext},{loc},acme.webex.com,FALSE,FALSE,TRUE,TRUE,TRUE,{calling},{suite},{meetings},,Sales\n",
            ext = 10_000 + i,
            loc = if i % 2 == 0 { "HQ" } else { "Branch" },
        ));
    }
    let mut users = Vec::new();
    for i in (0..MAX_DATA_ROWS).step_by(4) {
        users.push(format!(
            r#"{{"email":"user{i}@acme.example","package":"webex_calling","phone_number":"+1408{i:07}","extension":"{}","location":"HQ","licenses":["basic_messaging"]}}"#,
            10_000 + i
        ));
    }
    let org = OrgSnapshot::from_json(&format!(
        r#"{{"package":"webex_calling","admin_email":"user0@acme.example","locations":["HQ","Branch"],
            "subscribed_packages":["webex_calling","webex_suite","webex_meetings","webex_voice"],"users":[{}]}}"#,
        users.join(",")
    ))
    .expect("snapshot");
    let options = ImportOptions::default().with_org(org);
    let bytes = csv.into_bytes();

    let mut times: Vec<Duration> = Vec::new();
    let mut summary = None;
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    for _ in 0..runs {
        let start = Instant::now();
        let plan = check_bytes(&bytes, &options);
        times.push(start.elapsed());
        summary = Some(plan.summary);
    }
    times.sort();
    println!(
        "{} rows, {} bytes: min {:.1} ms, median {:.1} ms over {} runs; summary {:?}",
        MAX_DATA_ROWS,
        bytes.len(),
        times[0].as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times.len(),
        summary.expect("ran")
    );
}
