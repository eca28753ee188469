"""The words of the demo network: people, notes, facts, families, gifts and addresses.

Kept apart from core/demo.py (which decides what happens when) so the tables can grow without
burying the logic. Nothing here is random: demo.py draws from these with a seeded generator.
"""

from __future__ import annotations

# circle|name|nicknames|pronoun|how you met|why you care ("-" is no circle)
PEOPLE = """\
inner|Ana Ferreira|Aninha|she|flatmates in Porto, 2011|calls me out kindly when I'm wrong
inner|Tomás Ibáñez|Tomi|he|climbing gym in Madrid|the friend who shows up with soup
inner|Priya Raman||she|my brother's wife; met at their engagement|makes family things feel easy
inner|Jonas Becker||he|first week of university|twenty years of honest advice
inner|林美玲|Meiling, Mei|she|exchange semester in Taipei|taught me to slow down and cook
inner|Kofi Mensah||he|same team at my first job|always ready to think out loud with me
inner|Sam Okafor|Sammy|they|neighbours on Elm Street|we raised our kids side by side
inner|Rose Whitfield|Gran|she|my grandmother|her stories are the family's memory
friends|Léa Moreau||she|book club at the Librairie du Port|lends me books that change my mind
friends|Mateus Costa|Teu|he|five-a-side football on Tuesdays|most generous player on the pitch
friends|田中 由紀|Yuki|she|language exchange in Lisbon|patient teacher, funny storyteller
friends|Ahmed Hassan||he|Ana's wedding, at the kids' table|gets me out of the house
friends|Małgorzata Wiśniewska|Gosia|she|pottery class|no small talk, ever
friends|Αλέξανδρος Παπαδόπουλος|Alex, Alexandros|he|hostel in Thessaloniki|an open door in Greece
friends|Юлия Смирнова|Yulia, Julia|she|Jonas introduced us at a party|brilliant, and quietly kind
friends|Chloé Martin||she|the Thursday choir|sings harmony to my melody, literally
friends|Diego Álvarez||he|surf camp in Ericeira|brings out the adventurous me
friends|Fatima Zahra Benali|Fatz|she|master's programme in Lyon|we got through the thesis together
friends|Liam O'Connor||he|pub quiz team|makes every room laugh
friends|Ingrid Solberg||she|hiking club|knows every trail in Norway
friends|Ravi Kapoor||he|Priya's cousin|great cook, greater listener
friends|Emma Schulz||she|parents' group when the kids were babies|we survived the sleepless year
friends|Nikhil Joshi|Nik|he|coworking space in Lisbon|sharp on startups, generous with time
friends|Zoë van Dijk||she|cycling trip along the Rhine|an optimist on the worst days
friends|Kwame Asante||he|Kofi's brother|as warm as his brother, and twice as loud
friends|Isabel García||she|Spanish class|made me brave enough to speak Spanish
friends|Björn Lindqvist||he|sauna club in Stockholm|calm, thoughtful, fiercely loyal
friends|Hannah Cohen||she|next desk at the library, 2014|writes the best letters
work|Karin Berg||she|my manager at Nordlicht|championed me when no one else did
work|김민준|Minjun, MJ|he|PyCon Korea, 2019|the best code reviewer I know
work|Laura Rossi||she|design sprint with her agency|sees the user in every meeting
work|Marcus Webb||he|colleague at Nordlicht|honest about the industry
work|Sofia Lindgren||she|panel at Web Summit|opens doors for others
work|Arjun Mehta||he|client project, 2022|turned a hard client into a friendly one
work|Claire Dupont||she|mentoring programme|my mentor: asks the hard question
work|Oluwaseun Adeyemi|Seun|he|remote hackathon with a Lagos team|builds things fast and well
work|Nadia Petrova||she|recruiter who placed me at Nordlicht|knows who is hiring, everywhere
work|Tom Fischer||he|open-source maintainers' call|keeps a project alive on goodwill
work|Beatriz Santos|Bia|she|Lisbon tech meetup|runs the meetup I love
work|Ethan Brooks||he|investor intro via Nikhil|straight talk about money
work|Aisha Khan||she|data team at the old job|taught me SQL properly
work|Pieter de Vries||he|conference in Amsterdam|the funniest talk I ever saw
work|Camille Laurent||she|co-wrote a conference talk|a great writing partner
work|佐藤 浩|Hiroshi|he|supplier in Osaka|patient with my Japanese
work|Rachel Adler||she|former client|gave me my first freelance job
work|Mohammed Al-Farsi||he|accelerator cohort|answers every question with a better one
work|Julia Novak||she|legal adviser on the contracts|explains law without jargon
work|Felipe Ríos||he|speakers' dinner in Madrid|knows everyone in Madrid tech
resting|Kevin Doyle||he|old flatmate in Dublin|taught me to cook three things well
resting|Sarah Mitchell||she|ex-colleague, moved to Sydney|my first work friend
resting|Gustavo Pereira||he|football in Porto|good memories of the Porto years
resting|Elif Yılmaz||she|Erasmus in Istanbul|showed me Istanbul like a local
resting|Patrick Murphy||he|Liam's old friend|
resting|Anja Kovač||she|summer job in Split|the summer everything changed
resting|Ben Carter||he|my first startup|taught me what not to do
resting|Lucía Fernández||she|salsa lessons|
-|Noor Haddad||she|climate tech meetup last week|
-|Jamie Quinn||they|next-door neighbour|waters the plants when we travel
-|Viktor Horváth||he|our landlord|fair, and fixes things fast
-|Amara Eze||she|Emma's birthday party|
"""

NOTES = (
    "Prefers texts to calls.", "Lives two streets away; spare key in the blue pot.",
    "Working nights at the hospital until March.", "Big Liverpool fan: not on match days.",
    "Vegetarian. Loves Ethiopian food.", "Allergic to cats: meet outside.",
    "Moved house in the spring: new address in the vCard.", "Hates surprise parties.",
)
PRONOUNS = {"she": ("her", "her"), "he": ("his", "him"), "they": ("their", "them")}
TOPICS = (
    "{p} move to Lisbon", "{p} new job", "{p} marathon training", "{p} dad's surgery",
    "the kids' school", "{p} trip to Japan", "{p} allotment", "the wedding plans",
    "{p} sister's baby", "{p} thesis defence", "house hunting", "{p} band's first gig",
)
WORK_TOPICS = ("{p} conference talk", "the reorg", "{p} promotion", "hiring for {p} team",
               "the Q3 launch", "{p} startup idea", "remote work", "{p} side project")
TEMPLATES = {  # "" is a touch logged without a note, as people often do
    "call": ("talked about {t}", "long catch-up about {t}", "quick call about {t}", ""),
    "message": ("texted about {t}", "voice notes about {t}", "asked about {t}", "sent a meme", ""),
    "together": ("coffee, talked about {t}", "lunch near {p} office", "dinner at {p} place",
                 "walk along the river", ""),
    "social": ("commented on {p} post about {t}", "liked {p} photos from the trip",
               "reshared {p} article", "commented on {p} conference talk"),
    "help": ("helped {o} move boxes", "reviewed {p} CV", "lent {o} the drill",
             "proofread {p} cover letter"),
    "intro": ("introduced {o} to a recruiter I know", "connected {o} with a friend in Berlin"),
    "gift": ("sent flowers", "gave {o} Piranesi", "brought {o} tea from Kyoto"),
    "card": ("postcard from Lisbon", "thank-you card", "a card for no reason"),
    "memory": ("hiked the ridge together", "the night the power went out at {p} party",
               "Khruangbin concert"),
    "other": ("bumped into {o} at the market", "saw {o} at a wedding", ""),
}
WEIGHTS = {  # kind weights in KINDS order: closer circles call and meet more
    "inner": (22, 35, 20, 5, 5, 1, 3, 2, 6, 1), "friends": (15, 35, 15, 15, 5, 2, 2, 3, 6, 2),
    "work": (15, 35, 10, 20, 6, 8, 1, 1, 2, 3), "resting": (15, 40, 10, 25, 2, 1, 1, 2, 2, 2),
    "-": (10, 40, 20, 10, 10, 1, 1, 1, 1, 6),
}
EVERY = {"inner": 9, "friends": 30, "work": 55, "resting": 60, "-": 60}  # mean days apart
WINDOW = {"inner": (14, 30), "friends": (30, 60), "work": (60, 120)}  # as in m0001
SHARED = (
    ("together", "dinner at mine, everyone stayed till 1am"), ("together", "board game night"),
    ("memory", "weekend in the mountains, snowed in"), ("together", "picnic in the park"),
    ("memory", "the wedding in Porto"), ("together", "brunch at the new Lebanese place"),
    ("memory", "Khruangbin at the Coliseu"), ("call", "group call to plan the reunion"),
)
INTROS = ("both working on climate tech", "one is hiring, the other looking",
          "both into open source", "same question about design systems", "both moving to Berlin")
ON_THIS_DAY = (  # memories made on today's date: (years ago, note, with); Feb 29: 4 and 8
    (1, "hiked the ridge together, sunrise at the top", ("Ingrid", "Diego")),
    (2, "the night train to Vienna, cards till 3am", ("Jonas", "Yulia")),
)
STREAK = (  # your unanswered reach-outs, newest first: (kind, note); then their last one
    ("message", "texted to ask how {p} new job is going"),
    ("social", "commented on {p} post about the move"),
    ("call", "called, left a voicemail about {p} birthday"),
)
LOOPS = (  # (text, days from today, done)
    ("ask how the interview went", -4, False), ("send the book I promised", -9, False),
    ("call about the move to Lisbon", 0, False), ("return the camping stove", 0, False),
    ("check in after the surgery", 2, False), ("send the intro we talked about", 5, False),
    ("book a table for the birthday dinner", 8, False), ("ask about the Berlin offer", 13, False),
    ("share the photos from the wedding", 21, False), ("follow up on the grant", 40, False),
    ("thank-you note for the gift", -30, True), ("ask about the new flat", -12, True),
    ("send the sourdough article", -3, True),
)
PAIRS = (  # (need, its tags, offer, its tags): every pair shares a tag or a word
    ("a tax adviser", "tax, money", "knows tax law", "tax, law"),
    ("a flat in Berlin", "housing, berlin", "knows the Berlin rental market", "housing"),
    ("a physiotherapist", "health", "physiotherapist", "health"),
    ("a reference for a UX job", "ux, jobs", "hires UX designers", "ux, jobs"),
    ("a co-founder with sales experience", "sales, startup", "sold SaaS for ten years",
     "sales, saas"),
    ("a cat sitter in August", "pets", "loves cats; works from home", "pets"),
)
PAIR_INTRODUCED = 2  # this pair was already introduced, so it is no longer suggested
FACTS = {  # (text, tags); a "#word" in the text is a tag too
    "interest": (("bouldering", "climbing, sport"), ("natural wine", "wine"),
                 ("woodblock prints", "art"), ("sourdough #baking", ""), ("chess", "games"),
                 ("jazz", "music"), ("Formula 1", "sport"), ("birdwatching", "nature"),
                 ("sci-fi", "books"), ("trail running", "running, sport"),
                 ("board games", "games"), ("pottery", "art")),
    "other": (("doesn't drink", "food"), ("allergic to nuts", "food, health"),
              ("prefers voice notes", ""), ("night owl", ""),
              ("learning Portuguese #languages", ""), ("training for a triathlon", "sport")),
}
COUPLE = ("Ana", "Tomás")  # partners who are both contacts: one shared anniversary
FAMILY = (  # short|relation|name (empty: the linked contact)|age|activities|linked short
    "Ana|partner||||Tomás", "Ana|child|Inês|4|swimming, drawing|",
    "Tomás|partner||||Ana", "Tomás|child|Inês|4|swimming, drawing|",
    "Sam|partner|Chris|||", "Sam|child|Leo|9|football|", "Sam|child|Mila|6|ballet|",
    "Priya|partner|Dev (my brother)|||", "Priya|child|Arun|3|dinosaurs|",
    "Jonas|partner|Miriam|||", "Jonas|child|Paul|14|chess, guitar|",
    "Jonas|child|Greta|11|football|", "Kofi|sibling||||Kwame", "Kwame|sibling||||Kofi",
    "Emma|partner|Jan|||", "Emma|child|Lotte|8|violin|", "Emma|child|Finn|8|football|",
    "Mateus|partner|Carla|||", "Mateus|child|Tiago|5|football|",
    "Ravi|parent|Meera|74|gardening|", "Karin|partner|Ole|||",
    "Karin|child|Sofie|17|handball|", "Liam|partner|Aoife|||", "Liam|child|Cian|3||",
    "Björn|child|Elsa|12|skiing, the violin|",
)
GIFT_IDEAS = ("a fountain pen", "the new Sally Rooney", "a pottery class for two",
              "good olive oil from the Douro", "a Kinokuniya voucher", "concert tickets",
              "a houseplant (a big one)", "a cookbook: Ottolenghi Simple")
GIFTS_GIVEN = ("Piranesi", "a scarf from Porto", "tea from Kyoto", "a bottle of port",
               "a framed photo of the hike", "a board game: Wingspan", "a climbing chalk bag",
               "a jazz vinyl")
GIFTS_RECEIVED = ("homemade jam", "a hand-thrown mug", "a book of Norwegian trails")
ADDRESSES = {  # contacts with a postal address, for the holiday cards
    "Ana": "Rua das Flores 112, 4050-262 Porto, Portugal",
    "Tomás": "Rua das Flores 112, 4050-262 Porto, Portugal",
    "Priya": "14 Clarendon Road, Bristol BS6 7EX, UK",
    "Jonas": "Lindenstraße 8, 10969 Berlin, Germany",
    "Meiling": "No. 5, Lane 12, Yongkang St, Da'an District, Taipei 106, Taiwan",
    "Kofi": "22 Osu Badu Street, Accra, Ghana",
    "Sam": "31 Elm Street, Leeds LS6 2AB, UK",
    "Rose": "The Old Rectory, Church Lane, Hay-on-Wye HR3 5AA, UK",
    "Léa": "9 rue du Port, 44000 Nantes, France",
    "Emma": "Schillerstraße 41, 22767 Hamburg, Germany",
    "Ingrid": "Thorvald Meyers gate 19, 0555 Oslo, Norway",
    "Hannah": "7 Rothschild Blvd, Tel Aviv 6688101, Israel",
    "Karin": "Storgatan 3, 114 51 Stockholm, Sweden",
    "Claire": "27 quai de la Tournelle, 75005 Paris, France",
}
CARDS_SENT = ("Rose", "Jonas", "Priya", "Ingrid", "Hannah")  # this year's, already posted
