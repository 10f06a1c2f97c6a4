app-name = Tandem
app-tagline = Your mentoring workspace — works offline.
language = Language
loading = Opening…
skip-to-content = Skip to content

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
progress-value = { $value } %
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
error-bad-date = Enter a valid date.
error-bad-datetime = Enter a valid date and time.
error-out-of-range = This number is out of range.
error-end-before-start = The end cannot be before the start.
error-not-found = It no longer exists — it may have been deleted.
storage-full = Browser storage is full. Your latest edits are kept in memory, but they are not saved on this device yet — export or free some space.
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
join-as-mentor = You are invited to a mentoring workspace as the mentor.
join-as-mentee = You are invited to a mentoring workspace as the mentee.
join-sign-in-first = Sign in or create an account to join.
join-accept = Join the workspace
join-unknown = This invitation link is not valid.
join-gone = This invitation has expired or was already used. Ask for a new link.
join-conflict = You are already in this workspace, or its place for you was taken.
workspace-unnamed = Shared workspace (its name arrives with the first sync)
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
