"""The private referral report, presented: the same figures (:mod:`generator.model.report`) as HTML or text.

``wording`` holds the sentences both forms share, ``svg`` the hand-drawn charts,
``html`` the one-file page, ``text`` the terminal tables and ``data`` the JSON.
Nothing here touches the disk.
"""
