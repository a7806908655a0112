//! The calling usage details report: call counts per customer location.

use super::report_row;

report_row! {
    /// Calling usage of one customer location. Counts are whole numbers
    /// (an empty cell is 0); minutes may have decimals.
    pub struct CallingUsageRow {
        customer_name: String = "Customer Name",
        org_id: String = "Org ID",
        location: String = "Location",
        total_calls: u64 = "Total Calls",
        total_call_legs: u64 = "Total Call Legs",
        total_poor_quality_calls: u64 = "Total Poor Quality Calls",
        call_minutes: f64 = "Call Minutes",
        call_minutes_video: f64 = "Call Minutes - Video",
        call_legs_audio: u64 = "Call Legs - Audio",
        call_legs_video: u64 = "Call Legs - Video",
        call_legs_desk_phone: u64 = "Call Legs - Desk Phone",
        call_legs_room_device: u64 = "Call Legs - Room Device",
        call_legs_other_devices: u64 = "Call Legs - Other Devices",
        hunt_group_calls: u64 = "Calls - Hunt Group Calls",
        auto_attendant_calls: u64 = "Calls - Auto Attendant Calls",
        call_queue_total_calls: u64 = "Call Queue - Total Calls",
        call_queue_timed_out_calls: u64 = "Call Queue - Timed Out Calls",
        call_queue_overflowed_calls: u64 = "Call Queue - Overflowed Calls",
        call_queue_transferred_calls: u64 = "Call Queue - Transferred Calls",
        call_queue_abandoned_calls: u64 = "Call Queue - Abandoned Calls",
        total_internal_calls: u64 = "Total Internal Calls",
        total_toll_free_calls: u64 = "Total Toll Free Calls",
        total_premium_calls: u64 = "Total Premium Calls",
        total_integrated_audio_calls: u64 = "Total Integrated Audio Calls",
        total_national_calls: u64 = "Total National Calls",
        total_inbound_calls: u64 = "Total Inbound Calls",
        total_operator_service_calls: u64 = "Total Operator Service Calls",
        total_spark_calls: u64 = "Total Spark Calls",
        total_short_number_calls: u64 = "Total Short Number Calls",
        total_international_calls: u64 = "Total International Calls",
        total_mobile_calls: u64 = "Total Mobile Calls",
        total_emergency_calls: u64 = "Total Emergency Calls",
        total_unknown_calls: u64 = "Total Unknown Calls",
    }
}
