//! The pair's mentoring agreement: purpose, dates, cadence, channels,
//! confidentiality.

use yrs::{Map, Transact};

use super::{child_map, ensure_map, key, read_bool, read_num, read_str, read_text, Workspace};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::Check;

/// A scalar field of the agreement.
#[derive(Clone, Debug, PartialEq)]
pub enum AgreementField {
    StartDate(String),
    EndDate(String),
    CadenceDays(u32),
    Channel(MeetingMode, bool),
}

impl Workspace {
    /// The agreement as it stands.
    pub fn agreement(&self) -> Agreement {
        let txn = self.doc().transact();
        let m = self.roots.agreement.clone();
        let channels = child_map(&txn, &m, key::CHANNELS);
        Agreement {
            purpose: read_text(&txn, &m, key::PURPOSE),
            start_date: read_str(&txn, &m, key::START_DATE),
            end_date: read_str(&txn, &m, key::END_DATE),
            cadence_days: read_num(&txn, &m, key::CADENCE_DAYS).unwrap_or(0.0) as u32,
            channels: MeetingMode::ALL
                .iter()
                .copied()
                .filter(|c| {
                    channels
                        .as_ref()
                        .is_some_and(|ch| read_bool(&txn, ch, c.as_str()))
                })
                .collect(),
            confidentiality: read_text(&txn, &m, key::CONFIDENTIALITY),
        }
    }

    /// Sets one scalar field of the agreement.
    pub fn set_agreement(&mut self, field: AgreementField) -> Result<()> {
        let (check, m) = (Check::default(), self.roots.agreement.clone());
        let current = self.agreement();
        match &field {
            AgreementField::StartDate(d) => {
                check
                    .date(key::START_DATE, d)
                    .date_order(key::START_DATE, d, &current.end_date)
            }
            AgreementField::EndDate(d) => {
                check
                    .date(key::END_DATE, d)
                    .date_order(key::END_DATE, &current.start_date, d)
            }
            AgreementField::CadenceDays(n) => check.range(key::CADENCE_DAYS, *n, 1, 366),
            AgreementField::Channel(..) => check,
        }
        .finish()
        .map_err(Error::Invalid)?;
        self.write(|txn| match field {
            AgreementField::StartDate(d) => {
                m.insert(txn, key::START_DATE, d);
            }
            AgreementField::EndDate(d) => {
                m.insert(txn, key::END_DATE, d);
            }
            AgreementField::CadenceDays(n) => {
                m.insert(txn, key::CADENCE_DAYS, n as f64);
            }
            AgreementField::Channel(mode, on) => {
                let channels = ensure_map(txn, &m, key::CHANNELS);
                channels.insert(txn, mode.as_str(), on);
            }
        });
        Ok(())
    }
}
