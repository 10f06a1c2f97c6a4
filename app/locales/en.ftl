app-name = Tandem
app-tagline = Your mentoring workspace — works offline.
language = Language
loading = Opening…
skip-to-content = Skip to content

## Dates, times and numbers (src/i18n/format.rs)
format-month = { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }
format-month-year = { format-month } { $year }
format-date = { format-month } { $day }, { $year }
format-time = { $hour12 }:{ $minute } { $period ->
        [am] AM
       *[pm] PM
    }
format-date-time = { $date }, { $time }
format-decimal-separator = .
format-group-separator = ,
format-group-from = 1000

## Navigation
nav-main = Main
nav-workspaces = Workspaces
nav-dashboard = Dashboard
nav-agreement = Agreement
nav-goals = Goals
nav-meetings = Meetings
workspace-switcher = Workspace

## Workspaces
workspaces-title = Your workspaces
workspaces-empty = No workspaces yet. Create one for each mentoring pair.
workspace-name = Workspace name
workspace-create = Create workspace
workspace-open = Open
workspace-rename = Rename
workspace-new-name = New name
workspace-save-name = Save name
workspace-delete = Delete
workspace-delete-confirm = Delete “{ $name }” and all its data on this device? This cannot be undone.
workspace-delete-yes = Yes, delete
cancel = Cancel
workspace-missing = This workspace is not on this device.

## Dashboard
dashboard-title = Dashboard
next-meeting = Next meeting
no-next-meeting = No meeting planned.
plan-meeting = Plan a meeting
open-actions = Open action items
no-open-actions = No open action items.
overdue = overdue
due = due { $date }
goals-progress = Goals and progress
no-goals = No goals yet.
add-goal-link = Add a goal

## Agreement
agreement-title = Agreement
agreement-purpose = Purpose of the mentoring
agreement-start = Start date
agreement-end = End date
agreement-cadence = Meet every (days)
agreement-channels = Preferred channels
agreement-confidentiality = Confidentiality

## Goals
goals-title = Goals
goal-new = New goal
goal-title = Title
goal-description = Description
goal-category = Category
goal-criteria = Success criteria
goal-target-date = Target date
goal-status = Status
goal-add = Add goal
goal-added = Goal added.
goal-delete = Delete goal
goal-delete-confirm = Delete the goal “{ $title }”?
goal-back = All goals
goal-not-found = This goal does not exist (it may have been deleted).
milestones = Milestones
milestone-title = Milestone
milestone-add = Add milestone
milestone-done = Done: { $title }
milestone-delete = Delete milestone { $title }
no-milestones = No milestones yet.
progress = Progress
progress-of = Progress of { $title }
progress-value = { $value }%
progress-mode = How progress is measured
progress-from-milestones = From milestones
progress-by-hand = Set by hand
progress-manual = Progress (%)
progress-comment = Comment on progress
move-up = Move up
move-down = Move down

category-skill = Skill
category-career = Career development
category-promotion = Promotion
category-other = Other

status-planned = Planned
status-in_progress = In progress
status-achieved = Achieved
status-dropped = Dropped

## Meetings
meetings-title = Meetings
meetings-upcoming = Upcoming
meetings-past = Past
meetings-empty = No meetings yet.
meeting-new = New meeting
meeting-starts-at = Date and time
meeting-duration = Duration (minutes)
meeting-mode = Mode
meeting-place = Place or link
meeting-add = Add meeting
meeting-title = Meeting on { $date }
meeting-zone-note = In { $zone }: { $time }.
meeting-minutes = { $minutes } min
meeting-delete = Delete meeting
meeting-delete-confirm = Delete this meeting with its agenda, notes and action items?
meeting-back = All meetings
meeting-not-found = This meeting does not exist (it may have been deleted).
agenda = Agenda
agenda-item = Agenda item
agenda-add = Add to agenda
agenda-discussed = Discussed: { $text }
agenda-delete = Delete agenda item { $text }
agenda-empty = Nothing on the agenda yet.
agenda-carry-over = Move open items to the next meeting
agenda-carried = Open items moved to the meeting on { $date }.
agenda-nothing-to-carry = Every item has been discussed.
notes = Shared notes
actions = Action items
action-title = Action item
action-owner = Owner
action-due = Due date
action-add = Add action item
action-done = Done: { $title }
action-delete = Delete action item { $title }
actions-empty = No action items yet.
linked-goals = Linked goals
linked-goal = Linked: { $title }

mode-in_person = In person
mode-phone = Phone
mode-online = Online

role-mentor = Mentor
role-mentee = Mentee

## Errors and states
error-required = This field is required.
char-count = { $used } of { $max } characters
error-bad-date = Enter a valid date.
error-bad-datetime = Enter a valid date and time.
error-out-of-range = This number is out of range.
error-too-long = At most { $max } characters.
error-bad-time-zone = Unknown time zone.
error-end-before-start = The end cannot be before the start.
error-not-found = It no longer exists — it may have been deleted.
storage-full = Browser storage is full. Your latest edits are kept in memory, but they are not saved on this device yet — export or free some space.
storage-unavailable = This browser gives Tandem no storage on this device (private browsing may be the cause). Edits are kept in memory only — export before closing.
storage-lost = Tandem was closed, or the browser stopped, before it could save the last changes made in it on this device. Those changes are not here: what you see is everything that was saved.
chunk-loading = Loading…
chunk-failed = This part of Tandem could not be downloaded. Check the connection and try again.
chunk-retry = Try again
storage-lost-ok = Understood
storage-use = On this device Tandem uses { $used } of the { $quota } the browser allows.
storage-use-kept = On this device Tandem uses { $used } of the { $quota } the browser allows; the browser keeps it even when short of space.
storage-corrupt-title = This workspace’s saved data cannot be read
storage-corrupt = The data stored on this device could not be read. It has been left untouched; download it to keep a copy or to get help.
storage-corrupt-index = The list of workspaces on this device could not be read. It has been left untouched; download it to keep a copy. Creating, renaming and deleting workspaces is disabled until it is fixed.
storage-download = Download the stored data
not-found-title = Page not found
not-found-home = Go to your workspaces

## Installed app
update-ready = A new version of Tandem is ready.
update-reload = Reload
install-app = Install app

## Account and sharing
nav-account = Account
account-title = Account
account-why = You need an account only to share a workspace with your mentor or mentee, or to use it on a second device. Everything else works without one.
account-email = Email
account-password = Password (at least 10 characters)
account-sign-in = Sign in
account-sign-up = Create account
account-sign-out = Sign out
account-signed-in-as = Signed in as { $email }.
account-bad-email = Enter a valid email address, like name@example.com.
account-short-password = The password must be at least 10 characters long.
account-wrong-password = Wrong email or password.
account-exists = An account with this email exists — sign in instead.
account-too-many = Too many attempts. Try again in a minute.
account-offline = No connection to the server. Try again when you are online.
account-failed = That did not work. Check the details and try again.
join-title = Join a shared workspace
join-invited-by = Invited by { $email }
join-as-mentor = You are invited to a mentoring workspace as the mentor.
join-as-mentee = You are invited to a mentoring workspace as the mentee.
join-sign-in-first = Sign in or create an account to join.
join-accept = Join the workspace
join-unknown = This invitation link is not valid.
join-gone = This invitation has expired or was already used. Ask for a new link.
join-conflict = You are already in this workspace, or its place for you was taken.
workspace-unnamed = Shared workspace (its name arrives with the first sync)
show-all = Show all ({ $count })
health-title = Needs attention
health-ok = All is well: meetings keep their rhythm, goals move, nothing is overdue.
health-no-meeting = No meeting for { $days } { $days ->
         [one] day
        *[other] days
    } — the agreed rhythm is every { $cadence } { $cadence ->
         [one] day
        *[other] days
    }.
health-stalled-goal = “{ $title }”: no progress for { $weeks } { $weeks ->
         [one] week
        *[other] weeks
    }.
health-overdue-goal = “{ $title }”: { $days } { $days ->
         [one] day
        *[other] days
    } past its target date.
first-steps-title = First steps
first-steps-intro = This is how a good mentoring partnership starts:
first-step-agreement = Agree on how you will work together
first-step-goal = Set your first goal
first-step-meeting = Plan your first meeting
first-step-done = done
health-overdue-action = “{ $title }”: { $days } { $days ->
         [one] day
        *[other] days
    } overdue.
export-title = Export
export-why = Your data is yours: download the whole workspace (JSON, to import again), a readable summary (Markdown, e.g. for a performance review) or the meetings for your calendar (.ics).
export-json = Whole workspace (JSON)
export-markdown = Summary (Markdown)
export-ics = Meetings for your calendar (.ics)
import-title = Import
import-why = Load a JSON file exported from Tandem: it becomes a new workspace on this device.
import-file = Export file (JSON)
import-unreadable = This file could not be read.
import-not-json = This is not a JSON file. Nothing was changed.
import-not-tandem = This is not a Tandem workspace export. Nothing was changed.
import-unsupported-version = This export comes from a newer version of Tandem. Nothing was changed.
import-invalid = The export file is damaged. Nothing was changed.
import-copy = copy
import-at-line = Where in the file: line { $line }, column { $column }.
import-at-field = Field in the file: { $field }.
areas-title = Areas for further development
areas-why = What is worth developing later. When the time comes, one button turns an area into a goal.
areas-empty = No areas for development yet.
area-new = New area
area-title = Area
area-note = Note
area-add = Add area
area-to-goal = Make it a goal
area-see-goal = See the goal
area-delete = Delete area
area-delete-confirm = Delete the area “{ $title }”?
nav-contacts = Contacts
nav-more = More
menu = Menu
contacts-title = Contacts
contacts-why = People the mentor introduced — the network mentoring builds.
contacts-empty = No contacts yet.
contact-new = New contact
contact-name = Name
contact-role = Role
contact-organisation = Organisation
contact-why = Why you should meet
contact-follow-up = Followed up?
contact-introduced-on = Introduced on
contact-add = Add contact
contact-delete = Delete contact
contact-delete-confirm = Delete the contact { $name }?
follow-up-to_contact = Not yet contacted
follow-up-contacted = Written or called
follow-up-met = We have met
follow-up-ongoing = Ongoing contact
private-title = My private notes
private-label = Notes only I can see
private-hint-synced = Only you can see these notes, never the other member. They sync across the devices you sign in on.
private-hint-local = Only you can see these notes. Sign in to have them on your other devices too.
share-title = Sharing
share-needs-account = This workspace is only on this device. To share it with your mentor or mentee, sign in first.
share-why = Share this workspace to work on it together: both of you keep a full copy that works offline and syncs when online.
share-my-role = My role in this workspace
share-button = Share this workspace
share-invite = Create an invitation link
share-link = Invitation link
share-link-help = Send it to the other person. It works once and expires in 7 days.
share-send-link = Share link
share-copy-link = Copy link
share-copied = Link copied.
share-copy-failed = Could not copy. Select the link and copy it by hand.
share-open-invitations = Open invitations
share-invitation-for = Link for the role: { $role }, valid until { $date }
share-withdraw = Withdraw
share-remove = Remove
share-remove-confirm = Remove { $email } from this workspace? They lose access at once.
share-leave = Leave this workspace
share-leave-confirm = Leave this workspace? Your copy stays on this device but no longer syncs.
share-delete = Delete for both of us
share-delete-confirm = Delete this workspace on the server and on this device? The other member loses access at once. This cannot be undone.
share-forbidden = You are not allowed to do that in this workspace.
share-full = This workspace already has a mentor and a mentee.
sync-local = On this device only
sync-offline = Offline — changes are kept and will sync
sync-connecting = Connecting…
sync-syncing = Syncing…
sync-synced = Synced at { $time }
sync-synced-now = Synced
sync-refused = Access to this workspace has ended
sync-short-local = This device
sync-short-offline = Offline
sync-short-refused = No access
sync-full = The server has no more room for this workspace — changes stay on this device
sync-short-full = No room

# activities, feedback, progress
nav-activities = Activities
nav-feedback = Feedback
nav-progress = Progress
rating-scale = 1 = very low, 5 = very high
activities-title = Development activities
activities-empty = No activities yet. Add a training, a course, a project or a book — anything that helps reach a goal.
activity-new = New activity
activity-title = Title
activity-kind = Kind
activity-kind-training = Training
activity-kind-workshop = Workshop
activity-kind-course = Course
activity-kind-practice = Practice
activity-kind-project = Project
activity-kind-reading = Reading
activity-kind-shadowing = Shadowing
activity-kind-other = Other
activity-status = Status
activity-status-planned = Planned
activity-status-in_progress = In progress
activity-status-done = Done
activity-status-cancelled = Cancelled
activity-start = Start date
activity-end = End date
activity-support = How the mentor supports it
activity-add = Add activity
activity-back = All activities
activity-not-found = This activity does not exist (it may have been deleted).
activity-after = After the activity
activity-after-hint = Once it is done: how did it go, and what did you take from it?
activity-evaluation = How did it go?
activity-evaluation-clear = Clear the evaluation
activity-reflection = Reflection
activity-rated = rated { $value }/5
activity-delete = Delete activity
activity-delete-confirm = Delete the activity “{ $title }”?
feedback-title = Feedback
feedback-intro = Feedback goes both ways: the mentor to the mentee and the mentee to the mentor.
feedback-empty = No feedback yet.
feedback-to-mentee = From the mentor to the mentee
feedback-to-mentor = From the mentee to the mentor
feedback-new = New feedback
feedback-from = Who gives it
feedback-by-me-mentor = You write as the mentor, to the mentee.
feedback-by-me-mentee = You write as the mentee, to the mentor.
feedback-from-mentor = The mentor, to the mentee
feedback-from-mentee = The mentee, to the mentor
feedback-date = Date
feedback-went-well = What went well
feedback-to-improve = What to improve
feedback-next-step = Next step
feedback-write-something = Write at least one of: what went well, what to improve, the next step.
feedback-about = About (optional)
feedback-about-nothing = Nothing in particular
feedback-about-goals = Goals
feedback-about-meetings = Meetings
feedback-about-activities = Activities
feedback-about-goal = Goal: { $title }
feedback-about-meeting = Meeting of { $date }
feedback-about-activity = Activity: { $title }
feedback-add = Add feedback
feedback-added = Feedback added.
feedback-edit = Edit
feedback-done-editing = Done
feedback-give = Give feedback
feedback-none-about-goal = No feedback about this goal yet.
feedback-none-about-meeting = No feedback about this meeting yet.
feedback-none-about-activity = No feedback about this activity yet.
feedback-delete = Delete feedback
feedback-delete-confirm = Delete this feedback from { $date }?
progress-title = Progress
check-in-new = Self-assessment
check-in-intro = Rate yourself from 1 to 5 — at the start, then every few weeks. The charts below show how it changes.
check-in-date = Date
check-in-goal = { $category }: { $title }
check-in-no-goals = Add goals to rate your skill in each of them too.
check-in-confidence = Confidence
check-in-motivation = Motivation
check-in-comment = Comment (optional)
check-in-pick = Choose a value from 1 to 5.
check-in-add = Save self-assessment
check-in-added = Self-assessment saved.
check-ins-title = Past self-assessments
check-ins-empty = No self-assessments yet.
check-in-ratings = Confidence { $confidence }/5 · motivation { $motivation }/5
check-in-skill-value = { $title }: { $value }/5
check-in-delete = Delete
check-in-delete-confirm = Delete the self-assessment of { $date }?
check-in-edit = Edit
check-in-done-editing = Done
check-in-mentee-only = The mentee fills in the self-assessment. Its results show in the charts and the list below.
charts-title = Over time
chart-feelings = Confidence and motivation
chart-goal-progress = Goal progress
chart-meetings = Meetings per month
chart-no-check-ins = No self-assessments yet. Save the first one above — it is your starting point.
chart-one-check-in = One self-assessment so far ({ $date }). Add another in a few weeks to see a trend.
chart-no-skills = No skill rated yet. Rate a goal's skill in the self-assessment above.
chart-no-goal-progress = No goal progress recorded yet. Tick a milestone or set progress on a goal's page.
chart-one-goal-progress = Progress has been recorded on one day so far; the line grows as it changes.
chart-no-meetings = No meetings yet. Plan one under Meetings.
chart-no-cadence = No meeting rhythm agreed yet — set one in the agreement to compare against.
chart-point = { $series }, { $date }: { $value }
chart-summary = { $series }: from { $first } to { $last }, values recorded: { $count }, latest { $value }.
chart-month = { $month }: meetings held: { $count }
chart-meetings-summary = Meetings held: { $count }. Months shown: { $months }.
chart-expected = Expected by the agreed rhythm: about { $count } a month
chart-meetings-legend = Meetings held
