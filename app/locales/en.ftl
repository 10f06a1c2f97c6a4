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
