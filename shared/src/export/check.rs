//! What an imported export must satisfy beyond its shape: the same rules
//! the typed mutations enforce, unique ids, and links that point at
//! something. The first problem found is reported as `path: what`.

use std::collections::HashSet;

use crate::model::{Contents, Id};
use crate::validate::{parse_date, parse_date_time};

type Check = Result<(), String>;

/// Every rule, over a whole workspace.
pub(super) fn contents(c: &Contents) -> Check {
    let a = &c.agreement;
    date("agreement.start_date", &a.start_date, false)?;
    date("agreement.end_date", &a.end_date, false)?;
    range("agreement.cadence_days", a.cadence_days, 0, 366)?;

    let goals = ids("goals", c.goals.iter().map(|g| &g.id))?;
    for (i, g) in c.goals.iter().enumerate() {
        let at = format!("goals[{i}]");
        date(&format!("{at}.target_date"), &g.target_date, false)?;
        if let Some(p) = g.manual_progress {
            range(&format!("{at}.manual_progress"), p as u32, 0, 100)?;
        }
        ids(
            &format!("{at}.milestones"),
            g.milestones.iter().map(|m| &m.id),
        )?;
        let mut days = HashSet::new();
        for (j, p) in g.progress_log.iter().enumerate() {
            let at = format!("{at}.progress_log[{j}]");
            date(&format!("{at}.date"), &p.date, true)?;
            range(&format!("{at}.percent"), p.percent as u32, 0, 100)?;
            if !days.insert(&p.date) {
                return Err(format!("{at}.date: twice the same day"));
            }
        }
    }

    let meetings = ids("meetings", c.meetings.iter().map(|m| &m.id))?;
    for (i, m) in c.meetings.iter().enumerate() {
        let at = format!("meetings[{i}]");
        if parse_date_time(&m.starts_at).is_none() {
            return Err(format!("{at}.starts_at: not a date and time"));
        }
        let zone = crate::validate::Check::default().time_zone("time_zone", m.time_zone.as_deref());
        if zone.finish().is_err() {
            return Err(format!("{at}.time_zone: not a time zone name"));
        }
        range(&format!("{at}.duration_min"), m.duration_min, 1, 24 * 60)?;
        ids(&format!("{at}.agenda"), m.agenda.iter().map(|a| &a.id))?;
        ids(&format!("{at}.actions"), m.actions.iter().map(|a| &a.id))?;
        for (j, action) in m.actions.iter().enumerate() {
            date(&format!("{at}.actions[{j}].due"), &action.due, false)?;
        }
        links(&format!("{at}.goal_ids"), &m.goal_ids, &goals)?;
    }

    let activities = ids("activities", c.activities.iter().map(|a| &a.id))?;
    for (i, a) in c.activities.iter().enumerate() {
        let at = format!("activities[{i}]");
        date(&format!("{at}.start_date"), &a.start_date, false)?;
        date(&format!("{at}.end_date"), &a.end_date, false)?;
        if let Some(n) = a.evaluation {
            range(&format!("{at}.evaluation"), n as u32, 1, 5)?;
        }
        links(&format!("{at}.goal_ids"), &a.goal_ids, &goals)?;
    }

    ids("feedback", c.feedback.iter().map(|f| &f.id))?;
    for (i, f) in c.feedback.iter().enumerate() {
        let at = format!("feedback[{i}]");
        date(&format!("{at}.date"), &f.date, true)?;
        link(&format!("{at}.goal_id"), &f.goal_id, &goals)?;
        link(&format!("{at}.meeting_id"), &f.meeting_id, &meetings)?;
        link(&format!("{at}.activity_id"), &f.activity_id, &activities)?;
    }

    ids("check_ins", c.check_ins.iter().map(|c| &c.id))?;
    for (i, c) in c.check_ins.iter().enumerate() {
        let at = format!("check_ins[{i}]");
        date(&format!("{at}.date"), &c.date, true)?;
        range(&format!("{at}.confidence"), c.confidence as u32, 1, 5)?;
        range(&format!("{at}.motivation"), c.motivation as u32, 1, 5)?;
        for (goal, level) in &c.skills {
            let at = format!("{at}.skills.{goal}");
            range(&at, *level as u32, 1, 5)?;
            link(&at, &Some(goal.clone()), &goals)?;
        }
    }

    ids("areas", c.areas.iter().map(|a| &a.id))?;
    for (i, a) in c.areas.iter().enumerate() {
        link(&format!("areas[{i}].goal_id"), &a.goal_id, &goals)?;
    }

    ids("contacts", c.contacts.iter().map(|c| &c.id))?;
    for (i, c) in c.contacts.iter().enumerate() {
        date(
            &format!("contacts[{i}].introduced_on"),
            &c.introduced_on,
            false,
        )?;
    }
    Ok(())
}

/// Ids of one collection: none empty, none twice. Returns them for links.
fn ids<'a>(at: &str, ids: impl Iterator<Item = &'a Id>) -> Result<HashSet<&'a str>, String> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(format!("{at}[{i}].id: empty"));
        }
        if !seen.insert(id.as_str()) {
            return Err(format!("{at}[{i}].id: {id} twice"));
        }
    }
    Ok(seen)
}

fn date(at: &str, value: &str, required: bool) -> Check {
    if value.is_empty() && !required {
        return Ok(());
    }
    match parse_date(value) {
        Some(_) => Ok(()),
        None => Err(format!("{at}: not a date: {value:?}")),
    }
}

fn range(at: &str, value: u32, min: u32, max: u32) -> Check {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(format!("{at}: {value} is not within {min}–{max}"))
    }
}

fn link(at: &str, id: &Option<Id>, targets: &HashSet<&str>) -> Check {
    match id {
        Some(id) if !targets.contains(id.as_str()) => Err(format!("{at}: no such entity: {id}")),
        _ => Ok(()),
    }
}

fn links(at: &str, list: &[Id], targets: &HashSet<&str>) -> Check {
    for (i, id) in list.iter().enumerate() {
        link(&format!("{at}[{i}]"), &Some(id.clone()), targets)?;
    }
    Ok(())
}
