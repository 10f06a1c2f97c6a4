app-name = Tandem
app-tagline = Twoja przestrzeń do mentoringu — działa bez internetu.
language = Język
loading = Otwieranie…
skip-to-content = Przejdź do treści

## Navigation
nav-main = Główna
nav-workspaces = Przestrzenie
nav-dashboard = Pulpit
nav-agreement = Umowa
nav-goals = Cele
nav-meetings = Spotkania
workspace-switcher = Przestrzeń

## Workspaces
workspaces-title = Twoje przestrzenie
workspaces-empty = Nie masz jeszcze żadnej przestrzeni. Utwórz osobną dla każdej pary mentorskiej.
workspace-name = Nazwa przestrzeni
workspace-create = Utwórz przestrzeń
workspace-open = Otwórz
workspace-rename = Zmień nazwę
workspace-new-name = Nowa nazwa
workspace-save-name = Zapisz nazwę
workspace-delete = Usuń
workspace-delete-confirm = Usunąć „{ $name }” i wszystkie jej dane z tego urządzenia? Tego nie można cofnąć.
workspace-delete-yes = Tak, usuń
cancel = Anuluj
workspace-missing = Tej przestrzeni nie ma na tym urządzeniu.

## Dashboard
dashboard-title = Pulpit
next-meeting = Najbliższe spotkanie
no-next-meeting = Brak zaplanowanego spotkania.
plan-meeting = Zaplanuj spotkanie
open-actions = Otwarte zadania
no-open-actions = Brak otwartych zadań.
overdue = po terminie
due = termin { $date }
goals-progress = Cele i postępy
no-goals = Nie ma jeszcze celów.
add-goal-link = Dodaj cel

## Agreement
agreement-title = Umowa
agreement-purpose = Cel mentoringu
agreement-start = Data rozpoczęcia
agreement-end = Data zakończenia
agreement-cadence = Spotkania co (dni)
agreement-channels = Preferowane formy kontaktu
agreement-confidentiality = Poufność

## Goals
goals-title = Cele
goal-new = Nowy cel
goal-title = Tytuł
goal-description = Opis
goal-category = Kategoria
goal-criteria = Kryteria sukcesu
goal-target-date = Termin
goal-status = Status
goal-add = Dodaj cel
goal-added = Dodano cel.
goal-delete = Usuń cel
goal-delete-confirm = Usunąć cel „{ $title }”?
goal-back = Wszystkie cele
goal-not-found = Ten cel nie istnieje (mógł zostać usunięty).
milestones = Kamienie milowe
milestone-title = Kamień milowy
milestone-add = Dodaj kamień milowy
milestone-done = Zrobione: { $title }
milestone-delete = Usuń kamień milowy { $title }
no-milestones = Nie ma jeszcze kamieni milowych.
progress = Postęp
progress-of = Postęp: { $title }
progress-value = { $value }%
progress-mode = Sposób mierzenia postępu
progress-from-milestones = Z kamieni milowych
progress-by-hand = Ręcznie
progress-manual = Postęp (%)
progress-comment = Komentarz do postępu
move-up = Przesuń w górę
move-down = Przesuń w dół

category-skill = Umiejętność
category-career = Rozwój zawodowy
category-promotion = Awans
category-other = Inne

status-planned = Zaplanowany
status-in_progress = W toku
status-achieved = Osiągnięty
status-dropped = Porzucony

## Meetings
meetings-title = Spotkania
meetings-upcoming = Nadchodzące
meetings-past = Minione
meetings-empty = Nie ma jeszcze spotkań.
meeting-new = Nowe spotkanie
meeting-starts-at = Data i godzina
meeting-duration = Czas trwania (minuty)
meeting-mode = Forma
meeting-place = Miejsce lub link
meeting-add = Dodaj spotkanie
meeting-title = Spotkanie { $date }
meeting-minutes = { $minutes } min
meeting-delete = Usuń spotkanie
meeting-delete-confirm = Usunąć to spotkanie razem z agendą, notatkami i zadaniami?
meeting-back = Wszystkie spotkania
meeting-not-found = To spotkanie nie istnieje (mogło zostać usunięte).
agenda = Agenda
agenda-item = Punkt agendy
agenda-add = Dodaj do agendy
agenda-discussed = Omówione: { $text }
agenda-delete = Usuń punkt agendy { $text }
agenda-empty = Agenda jest pusta.
agenda-carry-over = Przenieś nieomówione punkty na następne spotkanie
agenda-carried = Nieomówione punkty przeniesiono na spotkanie { $date }.
agenda-nothing-to-carry = Wszystkie punkty zostały omówione.
notes = Wspólne notatki
actions = Zadania
action-title = Zadanie
action-owner = Osoba odpowiedzialna
action-due = Termin
action-add = Dodaj zadanie
action-done = Zrobione: { $title }
action-delete = Usuń zadanie { $title }
actions-empty = Nie ma jeszcze zadań.
linked-goals = Powiązane cele
linked-goal = Powiązany: { $title }

mode-in_person = Osobiście
mode-phone = Telefonicznie
mode-online = Online

role-mentor = Mentor
role-mentee = Mentee

## Errors and states
error-required = To pole jest wymagane.
error-bad-date = Podaj poprawną datę.
error-bad-datetime = Podaj poprawną datę i godzinę.
error-out-of-range = Ta liczba jest poza dozwolonym zakresem.
error-end-before-start = Koniec nie może być przed początkiem.
error-not-found = To już nie istnieje — mogło zostać usunięte.
storage-full = Pamięć przeglądarki jest pełna. Ostatnie zmiany są w pamięci, ale nie zostały jeszcze zapisane na tym urządzeniu — wyeksportuj dane lub zwolnij miejsce.
storage-corrupt-title = Nie można odczytać zapisanych danych tej przestrzeni
storage-corrupt = Danych zapisanych na tym urządzeniu nie udało się odczytać. Zostały nietknięte; pobierz je, aby zachować kopię lub poprosić o pomoc.
storage-corrupt-index = Nie udało się odczytać listy przestrzeni na tym urządzeniu. Została nietknięta; pobierz ją, aby zachować kopię. Tworzenie, zmiana nazwy i usuwanie przestrzeni są wyłączone, dopóki problem nie zostanie rozwiązany.
storage-download = Pobierz zapisane dane
not-found-title = Nie znaleziono strony
not-found-home = Przejdź do swoich przestrzeni

## Installed app
update-ready = Nowa wersja Tandemu jest gotowa.
update-reload = Przeładuj
install-app = Zainstaluj aplikację

## Account and sharing
nav-account = Konto
account-title = Konto
account-why = Konto jest potrzebne tylko do udostępnienia przestrzeni mentorowi lub mentee albo do korzystania z niej na drugim urządzeniu. Wszystko inne działa bez niego.
account-email = E-mail
account-password = Hasło (co najmniej 10 znaków)
account-sign-in = Zaloguj się
account-sign-up = Załóż konto
account-sign-out = Wyloguj się
account-signed-in-as = Zalogowano jako { $email }.
account-bad-email = Podaj poprawny adres e-mail, np. imie@example.com.
account-short-password = Hasło musi mieć co najmniej 10 znaków.
account-wrong-password = Błędny e-mail lub hasło.
account-exists = Konto z tym adresem już istnieje — zaloguj się.
account-too-many = Zbyt wiele prób. Spróbuj ponownie za minutę.
account-offline = Brak połączenia z serwerem. Spróbuj ponownie, gdy będziesz online.
account-failed = Nie udało się. Sprawdź dane i spróbuj ponownie.
join-title = Dołącz do wspólnej przestrzeni
join-as-mentor = Zaproszenie do przestrzeni mentoringowej w roli mentora.
join-as-mentee = Zaproszenie do przestrzeni mentoringowej w roli mentee.
join-sign-in-first = Zaloguj się lub załóż konto, aby dołączyć.
join-accept = Dołącz do przestrzeni
join-unknown = Ten link z zaproszeniem jest nieprawidłowy.
join-gone = To zaproszenie wygasło lub zostało już użyte. Poproś o nowy link.
join-conflict = Już należysz do tej przestrzeni albo miejsce dla Ciebie zostało zajęte.
workspace-unnamed = Wspólna przestrzeń (nazwa pojawi się po pierwszej synchronizacji)
private-title = Moje prywatne notatki
private-label = Notatki widoczne tylko dla mnie
private-hint-synced = Tylko Ty widzisz te notatki, druga osoba nigdy. Synchronizują się między urządzeniami, na których się zalogujesz.
private-hint-local = Tylko Ty widzisz te notatki. Zaloguj się, aby mieć je także na innych urządzeniach.
share-title = Udostępnianie
share-needs-account = Ta przestrzeń jest tylko na tym urządzeniu. Aby udostępnić ją mentorowi lub mentee, najpierw się zaloguj.
share-why = Udostępnij tę przestrzeń, aby pracować w niej razem: każde z was ma pełną kopię, która działa bez internetu i synchronizuje się po połączeniu.
share-my-role = Moja rola w tej przestrzeni
share-button = Udostępnij tę przestrzeń
share-invite = Utwórz link z zaproszeniem
share-link = Link z zaproszeniem
share-link-help = Wyślij go drugiej osobie. Działa jeden raz i wygasa po 7 dniach.
share-remove = Usuń
share-remove-confirm = Usunąć { $email } z tej przestrzeni? Ta osoba natychmiast straci dostęp.
share-leave = Opuść tę przestrzeń
share-leave-confirm = Opuścić tę przestrzeń? Twoja kopia zostanie na tym urządzeniu, ale przestanie się synchronizować.
share-delete = Usuń dla nas obojga
share-delete-confirm = Usunąć tę przestrzeń z serwera i z tego urządzenia? Druga osoba natychmiast straci dostęp. Tego nie można cofnąć.
share-forbidden = Nie możesz tego zrobić w tej przestrzeni.
share-full = Ta przestrzeń ma już mentora i mentee.
sync-local = Tylko na tym urządzeniu
sync-offline = Offline — zmiany są zachowane i zsynchronizują się
sync-connecting = Łączenie…
sync-syncing = Synchronizacja…
sync-synced = Zsynchronizowano o { $time }
sync-synced-now = Zsynchronizowano
sync-refused = Dostęp do tej przestrzeni wygasł
